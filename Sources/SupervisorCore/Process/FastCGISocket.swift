import Glibc
import SupervisorCommon
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
        let socketFD = try StreamSocket.bindUnix(path: path)
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
        try StreamSocket.bindTCP(host: host, port: port, family: AF_INET)
    }
}
