import Glibc

/// Password and group database lookups (the reentrant variants, so callers on any thread are safe).
public enum Accounts {
    public struct User: Equatable, Sendable {
        public var name: String
        public var uid: UInt32
        public var gid: UInt32
        public var home: String
    }

    public static func user(named name: String) -> User? {
        lookupUser { entry, buffer, size, result in getpwnam_r(name, &entry, buffer, size, &result) }
    }

    public static func user(uid: UInt32) -> User? {
        lookupUser { entry, buffer, size, result in getpwuid_r(uid, &entry, buffer, size, &result) }
    }

    public static func groupID(named name: String) -> UInt32? {
        lookupGroup { entry, buffer, size, result in getgrnam_r(name, &entry, buffer, size, &result) }
    }

    public static func groupExists(gid: UInt32) -> Bool {
        lookupGroup { entry, buffer, size, result in getgrgid_r(gid, &entry, buffer, size, &result) } != nil
    }

    private static func lookupUser(
        _ call: (inout passwd, UnsafeMutablePointer<CChar>, Int, inout UnsafeMutablePointer<passwd>?) -> Int32
    ) -> User? {
        withGrowingBuffer { buffer, size in
            var entry = passwd()
            var result: UnsafeMutablePointer<passwd>?
            let status = call(&entry, buffer, size, &result)
            guard status == 0 else { return .retry(status) }
            guard result != nil else { return .done(nil) }
            return .done(User(name: String(cString: entry.pw_name), uid: entry.pw_uid, gid: entry.pw_gid,
                              home: String(cString: entry.pw_dir)))
        }
    }

    private static func lookupGroup(
        _ call: (inout group, UnsafeMutablePointer<CChar>, Int, inout UnsafeMutablePointer<group>?) -> Int32
    ) -> UInt32? {
        withGrowingBuffer { buffer, size in
            var entry = group()
            var result: UnsafeMutablePointer<group>?
            let status = call(&entry, buffer, size, &result)
            guard status == 0 else { return .retry(status) }
            return .done(result == nil ? nil : entry.gr_gid)
        }
    }

    private enum Attempt<T> {
        case done(T?)
        case retry(Int32)
    }

    /// Entries with many members or long fields need more than the suggested buffer size.
    private static func withGrowingBuffer<T>(_ body: (UnsafeMutablePointer<CChar>, Int) -> Attempt<T>) -> T? {
        var size = 4096
        while size <= 1 << 20 {
            let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: size)
            defer { buffer.deallocate() }
            switch body(buffer, size) {
            case .done(let value):
                return value
            case .retry(let status) where status == ERANGE:
                size *= 4
            case .retry:
                return nil
            }
        }
        return nil
    }
}
