import Glibc
import SupervisorCommon
import SupervisorCore
import SupervisorConfig

enum ListenerBinder {
    static let addressInUse = "Another program is already listening on a port that one of our HTTP servers is configured to use.  Shut this program down first before starting supervisord."

    static func bind(_ config: Configuration) throws -> BoundListeners {
        var bound = BoundListeners()
        do {
            if let inet = config.inetHTTPServer {
                bound.listeners.append(.init(fd: try bindInet(host: inet.host, port: inet.port), section: "inet_http_server",
                                             credentials: inet.credentials, monitoringAuth: inet.monitoringAuth,
                                             unixPath: nil))
            }
            if let unix = config.unixHTTPServer {
                bound.listeners.append(.init(fd: try bindUnix(unix), section: "unix_http_server",
                                             credentials: unix.credentials, monitoringAuth: unix.monitoringAuth,
                                             unixPath: unix.file))
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
        do {
            return try listening(StreamSocket.bindTCP(host: host.isEmpty || host == "*" ? nil : host, port: port))
        } catch is StreamSocket.HostNotFound {
            throw ListenerError(description: "Cannot open an HTTP server: cannot resolve host '\(host)'")
        } catch let error as SystemError {
            throw failure(error.errno)
        }
    }

    private static func bindUnix(_ config: UnixHTTPServerConfig) throws -> Int32 {
        let path = config.file
        if access(path, F_OK) == 0 {
            if StreamSocket.isListening(path: path) { throw ListenerError(description: addressInUse) }
            // A stale socket of a daemon that died: remove it, as the reference does.
            unlink(path)
        }
        let fd: Int32
        do {
            fd = try listening(StreamSocket.bindUnix(path: path))
        } catch let error as SystemError where error.errno == ENAMETOOLONG {
            throw ListenerError(description: "Cannot open an HTTP server: socket path too long: \(path)")
        } catch let error as SystemError {
            throw failure(error.errno)
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

    private static func listening(_ fd: Int32) throws -> Int32 {
        guard listen(fd, 128) == 0 else {
            let err = errno
            close(fd)
            throw SystemError(errno: err, what: "listen")
        }
        return fd
    }
}
