import Glibc
import SupervisorCommon

/// Bound, close-on-exec stream sockets, unix or TCP: the HTTP servers' listeners and the
/// FastCGI groups' sockets. Callers listen with their own backlog.
public enum StreamSocket {
    /// The host of a TCP address does not resolve.
    public struct HostNotFound: Error, CustomStringConvertible {
        public let host: String
        public var description: String { "cannot resolve host '\(host)'" }
    }

    /// Binds a unix socket at `path`, which must not exist. Throws `SystemError`.
    public static func bindUnix(path: String) throws -> Int32 {
        let address = try unixAddress(path)
        let fd = try newSocket(AF_UNIX)
        let bound = address.withSockaddr { bind(fd, $0, $1) }
        guard bound == 0 else { throw closing(fd, "bind \(path)") }
        return fd
    }

    /// Binds `host:port` with SO_REUSEADDR; a nil host means every interface.
    /// Throws `HostNotFound` or `SystemError`.
    public static func bindTCP(host: String?, port: Int, family: Int32 = AF_UNSPEC) throws -> Int32 {
        var hints = addrinfo()
        hints.ai_family = family
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_PASSIVE
        var result: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, "\(port)", &hints, &result) == 0, let first = result else {
            throw HostNotFound(host: host ?? "*")
        }
        defer { freeaddrinfo(result) }
        let fd = try newSocket(first.pointee.ai_family)
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        guard bind(fd, first.pointee.ai_addr, first.pointee.ai_addrlen) == 0 else {
            throw closing(fd, "bind \(host ?? "*"):\(port)")
        }
        return fd
    }

    /// True when something accepts connections on the unix socket at `path`.
    public static func isListening(path: String) -> Bool {
        guard let address = try? unixAddress(path), let fd = try? newSocket(AF_UNIX) else { return false }
        defer { close(fd) }
        return address.withSockaddr { connect(fd, $0, $1) } == 0
    }

    /// Throws `SystemError(ENAMETOOLONG)` when the path does not fit.
    private static func unixAddress(_ path: String) throws -> UnixSocketAddress {
        guard let address = UnixSocketAddress(path: path) else {
            throw SystemError(errno: ENAMETOOLONG, what: "socket path \(path)")
        }
        return address
    }

    private static func newSocket(_ family: Int32) throws -> Int32 {
        let fd = socket(family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw SystemError(errno: errno, what: "socket") }
        return fd
    }

    private static func closing(_ fd: Int32, _ what: String) -> SystemError {
        let error = SystemError(errno: errno, what: what)
        close(fd)
        return error
    }
}
