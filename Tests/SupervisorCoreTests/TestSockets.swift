import Glibc
import SupervisorCommon

@testable import SupervisorCore

/// Plain TCP sockets on 127.0.0.1 for the checks to connect to.
enum TestSockets {
    /// A bound socket: listening with `backlog`, or not listening (connections are refused).
    static func bound(listening backlog: Int32?) throws -> (fd: Int32, port: Int) {
        let fd = try StreamSocket.bindTCP(host: "127.0.0.1", port: 0, family: AF_INET)
        if let backlog { guard listen(fd, backlog) == 0 else { throw SystemError(errno: errno, what: "listen") } }
        var address = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return (fd, Int(UInt16(bigEndian: address.sin_port)))
    }

    /// A blocking connection to 127.0.0.1:`port`, made before it returns.
    static func connected(to port: Int) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else { throw SystemError(errno: errno, what: "connect") }
        return fd
    }
}
