import Glibc
import SupervisorConfig

/// The listening socket of an `[fcgi-program:x]` group, handed to each process as its stdin.
/// Created when the first process starts and closed when the last one exits, as the
/// reference's socket manager counts references.
final class FastCGISocket {
    let config: FastCGISocketConfig
    private unowned let log: MainLog
    private var fd: Int32 = -1
    private var users = 0

    init(config: FastCGISocketConfig, log: MainLog) {
        self.config = config
        self.log = log
    }

    var url: String {
        switch config.address {
        case .unix(let path): "unix://\(path)"
        case .tcp(let host, let port): "tcp://\(host):\(port)"
        }
    }

    /// The socket for one more process, creating it if none runs.
    func acquire() throws -> Int32 {
        if users == 0 { try create() }
        users += 1
        return fd
    }

    func release() {
        guard users > 0 else { return }
        users -= 1
        if users == 0 {
            log.info("Closing socket \(url)")
            close(fd)
            fd = -1
        }
    }

    private func create() throws {
        log.info("Creating socket \(url)")
        let socketFD: Int32
        switch config.address {
        case .unix(let path):
            socketFD = try bindUnix(path)
        case .tcp(let host, let port):
            socketFD = try bindTCP(host: host, port: port)
        }
        guard listen(socketFD, Int32(config.backlog ?? Int(SOMAXCONN))) == 0 else {
            let err = errno
            close(socketFD)
            throw SystemError(errno: err, what: "listen on \(url)")
        }
        fd = socketFD
    }

    private func bindUnix(_ path: String) throws -> Int32 {
        unlink(path)
        let socketFD = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard socketFD >= 0 else { throw SystemError(errno: errno, what: "socket for \(url)") }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
            close(socketFD)
            throw SystemError(errno: ENAMETOOLONG, what: "socket path \(path)")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socketFD, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard bound == 0 else {
            let err = errno
            close(socketFD)
            throw SystemError(errno: err, what: "bind \(url)")
        }
        if let owner = config.owner, chown(path, owner.0, owner.1) != 0 {
            let err = errno
            close(socketFD)
            unlink(path)
            throw SystemError(errno: err, what: "Could not change ownership of socket file")
        }
        if let mode = config.mode, chmod(path, mode_t(mode)) != 0 {
            let err = errno
            close(socketFD)
            unlink(path)
            throw SystemError(errno: err, what: "Could not change permissions of socket file")
        }
        return socketFD
    }

    private func bindTCP(host: String, port: Int) throws -> Int32 {
        var hints = addrinfo()
        hints.ai_family = AF_INET
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var result: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, "\(port)", &hints, &result) == 0, let first = result else {
            throw SystemError(errno: EADDRNOTAVAIL, what: "resolve \(host)")
        }
        defer { freeaddrinfo(result) }
        let socketFD = socket(first.pointee.ai_family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard socketFD >= 0 else { throw SystemError(errno: errno, what: "socket for \(url)") }
        var one: Int32 = 1
        setsockopt(socketFD, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        guard bind(socketFD, first.pointee.ai_addr, first.pointee.ai_addrlen) == 0 else {
            let err = errno
            close(socketFD)
            throw SystemError(errno: err, what: "bind \(url)")
        }
        return socketFD
    }
}
