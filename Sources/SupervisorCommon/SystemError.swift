import Glibc

/// A failed system call: what was attempted and the errno it set.
public struct SystemError: Error, CustomStringConvertible {
    public let errno: Int32
    public let what: String

    public init(errno: Int32, what: String) {
        self.errno = errno
        self.what = what
    }

    public var description: String { "\(what): \(String(cString: strerror(errno)))" }
}
