import Glibc
import SupervisorCore
import SupervisorConfig

/// Listening sockets bound before the daemon forks, so that "address in use" is reported
/// in the foreground like the reference does; the event loop adopts them later.
public struct BoundListeners {
    struct Listener {
        let fd: Int32
        /// `unix_http_server` or `inet_http_server`, for log lines.
        let section: String
        let credentials: Credentials?
        let unixPath: String?
    }

    var listeners: [Listener] = []

    public init() {}
}

public struct ListenerError: Error, CustomStringConvertible {
    public let description: String
}

enum ListenerBinder {
    static let addressInUse = "Another program is already listening on a port that one of our HTTP servers is configured to use.  Shut this program down first before starting supervisord."

    static func bind(_ config: Configuration) throws -> BoundListeners {
        var bound = BoundListeners()
        do {
            if let inet = config.inetHTTPServer {
                bound.listeners.append(.init(fd: try bindInet(host: inet.host, port: inet.port), section: "inet_http_server",
                                             credentials: inet.credentials, unixPath: nil))
            }
            if let unix = config.unixHTTPServer {
                bound.listeners.append(.init(fd: try bindUnix(unix), section: "unix_http_server",
                                             credentials: unix.credentials, unixPath: unix.file))
            }
        } catch {
            for listener in bound.listeners { close(listener.fd) }
            throw error
        }
        return bound
    }

    private static func failure(_ err: Int32) -> ListenerError {
        if err == EADDRINUSE { return ListenerError(description: addressInUse) }
        let name = errnoName(err)
        return ListenerError(description: "Cannot open an HTTP server: socket.error reported errno.\(name) (\(err))")
    }

    private static func bindInet(host: String, port: Int) throws -> Int32 {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_PASSIVE
        var result: UnsafeMutablePointer<addrinfo>?
        let node: String? = host.isEmpty || host == "*" ? nil : host
        let status = getaddrinfo(node, "\(port)", &hints, &result)
        guard status == 0, let first = result else {
            throw ListenerError(description: "Cannot open an HTTP server: cannot resolve host '\(host)'")
        }
        defer { freeaddrinfo(result) }
        let fd = socket(first.pointee.ai_family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw failure(errno) }
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        guard Glibc.bind(fd, first.pointee.ai_addr, first.pointee.ai_addrlen) == 0, listen(fd, 128) == 0 else {
            let err = errno
            close(fd)
            throw failure(err)
        }
        return fd
    }

    private static func bindUnix(_ config: UnixHTTPServerConfig) throws -> Int32 {
        let path = config.file
        if access(path, F_OK) == 0 {
            if isListening(path) { throw ListenerError(description: addressInUse) }
            // A stale socket of a daemon that died: remove it, as the reference does.
            unlink(path)
        }
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw failure(errno) }
        var address = try unixAddress(path)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard bound == 0, listen(fd, 128) == 0 else {
            let err = errno
            close(fd)
            throw failure(err)
        }
        chmod(path, mode_t(config.chmod))
        if let owner = config.chown, chown(path, owner.uid, owner.gid) != 0 {
            let err = errno
            close(fd)
            unlink(path)
            if err == EPERM {
                let user = getpwuid(geteuid()).map { String(cString: $0.pointee.pw_name) } ?? "\(geteuid())"
                throw ListenerError(description: "Not permitted to chown \(path) to uid/gid (\(owner.uid), \(owner.gid)); adjust \"sockchown\" value in config file or on command line to values that the current user (\(user)) can successfully chown")
            }
            throw failure(err)
        }
        return fd
    }

    private static func isListening(_ path: String) -> Bool {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0, var address = try? unixAddress(path) else { return false }
        defer { close(fd) }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        return connected == 0
    }

    static func unixAddress(_ path: String) throws -> sockaddr_un {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard bytes.count < capacity else { throw ListenerError(description: "Cannot open an HTTP server: socket path too long: \(path)") }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        return address
    }
}
