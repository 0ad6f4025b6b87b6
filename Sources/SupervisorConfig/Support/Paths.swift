import Glibc
import SupervisorCommon

/// Path handling with the semantics of Python's `os.path`, which the reference uses throughout.
public enum Paths {
    /// `os.path.dirname`: everything before the last slash, trailing slashes dropped unless
    /// the whole head is slashes.
    public static func dirname(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        let head = path[...slash]
        if head.allSatisfy({ $0 == "/" }) { return String(head) }
        var trimmed = head
        while trimmed.last == "/" { trimmed.removeLast() }
        return String(trimmed)
    }

    /// `os.path.join` for two parts: an absolute second part replaces the first.
    public static func join(_ base: String, _ part: String) -> String {
        if part.hasPrefix("/") || base.isEmpty { return part }
        return base.hasSuffix("/") ? base + part : base + "/" + part
    }

    /// `os.path.normpath`: collapses `.`, `..` and repeated slashes without touching the disk.
    public static func normalize(_ path: String) -> String {
        if path.isEmpty { return "." }
        let absolute = path.hasPrefix("/")
        var parts: [Substring] = []
        for component in path.split(separator: "/", omittingEmptySubsequences: true) {
            if component == "." { continue }
            if component == ".." {
                if let last = parts.last, last != ".." {
                    parts.removeLast()
                } else if !absolute {
                    parts.append(component)
                }
                continue
            }
            parts.append(component)
        }
        let body = parts.joined(separator: "/")
        if absolute {
            // POSIX keeps exactly two leading slashes as implementation-defined; Python does too.
            let prefix = path.hasPrefix("//") && !path.hasPrefix("///") ? "//" : "/"
            return prefix + body
        }
        return body.isEmpty ? "." : body
    }

    /// `os.path.abspath`: joined with the working directory, then normalized.
    public static func absolute(_ path: String, currentDirectory: String? = nil) -> String {
        if path.hasPrefix("/") { return normalize(path) }
        return normalize(join(currentDirectory ?? WorkingDirectory.path() ?? "/", path))
    }

    /// The reference's `normalize_path`: `~` expanded, made absolute, normalized.
    public static func normalizeUserPath(_ path: String, environment: [String: String]) -> String {
        absolute(expandUser(path, environment: environment))
    }

    /// `os.path.expanduser`: `~` is `$HOME` (else the password database), `~name` that user's home.
    public static func expandUser(_ path: String, environment: [String: String]) -> String {
        guard path.hasPrefix("~") else { return path }
        let afterTilde = path.dropFirst()
        let userPart = afterTilde.prefix { $0 != "/" }
        let rest = afterTilde.dropFirst(userPart.count)
        let home: String?
        if userPart.isEmpty {
            home = environment["HOME"] ?? Accounts.user(uid: getuid())?.home
        } else {
            home = Accounts.user(named: String(userPart))?.home
        }
        guard var resolved = home else { return path }
        if resolved != "/" {
            while resolved.hasSuffix("/") { resolved.removeLast() }
        }
        let joined = resolved + rest
        return joined.isEmpty ? "/" : joined
    }

    public static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }

    public static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// Whether a pattern has characters `glob(3)` treats specially.
    static func hasGlobCharacters(_ pattern: String) -> Bool {
        pattern.contains { $0 == "*" || $0 == "?" || $0 == "[" }
    }

    /// Sorted matches of a pattern, like `sorted(glob.glob(pattern))`; hidden files need an explicit dot.
    static func glob(_ pattern: String) -> [String] {
        var result = glob_t()
        defer { globfree(&result) }
        guard Glibc.glob(pattern, 0, nil, &result) == 0 else { return [] }
        var matches: [String] = []
        for index in 0..<Int(result.gl_pathc) {
            if let match = result.gl_pathv[index] { matches.append(String(cString: match)) }
        }
        return matches.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    }

    /// The file type bits (`S_IFREG`, `S_IFIFO`, ...) of what `path` names, or nil when it does not exist.
    static func fileType(_ path: String) -> mode_t? {
        var info = stat()
        return stat(path, &info) == 0 ? info.st_mode & S_IFMT : nil
    }

    /// The whole file as UTF-8 text (invalid bytes repaired), or nil when it cannot be opened or read.
    public static func readText(_ path: String) -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        var bytes: [UInt8] = []
        if fstat(fd, &info) == 0 { bytes.reserveCapacity(Int(info.st_size) + 1) }
        // Small enough to be cheap to zero (the daemon reads a few /proc/sys numbers at start-up).
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if count == 0 { break }
            chunk.withUnsafeBufferPointer { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: $0[0..<count])) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
