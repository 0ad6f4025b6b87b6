import Glibc
import SupervisorCommon

/// The receiving end of sd_notify for one process (what `$NOTIFY_SOCKET` names): a unix
/// datagram socket in the daemon's notify directory. Each datagram is parsed and handed
/// to `onMessage` on the loop, until `close`.
///
/// Anyone who can reach the path may send (mode 0666), as with systemd's
/// `NotifyAccess=all`: a program often has a helper or a child of a wrapper script send
/// for it, which a check of the sender's pid would refuse; a child running as another
/// `user=` must be able to send at all; and the path is known only to the process's
/// environment, in a directory that cannot be listed. A datagram of more than
/// `maxDatagramBytes` (systemd's limit) is ignored with a warning, as systemd does.
/// Descriptors sent along (sd_notify's barrier, FDSTORE) are not taken: the kernel
/// closes them.
final class NotifySocket {
    static let maxDatagramBytes = 4096
    /// Most datagrams read in one turn before other events get theirs.
    private static let turnBudget = 16

    let path: String
    let fd: Int32
    private unowned let sockets: NotifySockets
    private let log: MainLog
    private let processName: String
    private var onMessage: ((NotifyMessage) -> Void)?

    /// Makes the socket at once (its path can go into the child's environment); what
    /// arrives before the loop looks waits in it.
    init(for processName: String, supervisor: Supervisor, onMessage: @escaping (NotifyMessage) -> Void) throws {
        sockets = supervisor.notifySockets
        path = try sockets.newSocketPath()
        fd = try Self.bound(at: path)
        log = supervisor.log
        self.processName = processName
        self.onMessage = onMessage
        do {
            try sockets.watch(self, on: supervisor.eventLoop, log: supervisor.log)
        } catch {
            Glibc.close(fd)
            unlink(path)
            throw error
        }
    }

    /// Stops delivering, closes the socket and removes its file.
    func close() {
        guard onMessage != nil else { return }
        onMessage = nil
        sockets.forget(self)
        Glibc.close(fd)
    }

    /// Reads the datagrams waiting (up to a turn's budget) into `buffer`, which holds one
    /// more byte than a datagram may have.
    func receive(into buffer: UnsafeMutableRawBufferPointer) {
        for _ in 0..<Self.turnBudget {
            guard let onMessage else { return }
            // MSG_TRUNC: the datagram's real length, even when the buffer holds less.
            let length = recv(fd, buffer.baseAddress, buffer.count, Int32(MSG_DONTWAIT | MSG_TRUNC))
            if length < 0 {
                if errno == EINTR { continue }
                return
            }
            guard length <= Self.maxDatagramBytes else {
                log.warn("notify socket of '\(processName)': ignored a datagram of more than \(Self.maxDatagramBytes) bytes")
                continue
            }
            onMessage(NotifyMessage(datagram: UnsafeRawBufferPointer(rebasing: buffer[0..<length])))
        }
    }

    /// A non-blocking datagram socket bound at `path`, writable by anyone who can reach it.
    private static func bound(at path: String) throws -> Int32 {
        guard let address = UnixSocketAddress(path: path) else {
            throw SystemError(errno: ENAMETOOLONG, what: "notify socket path \(path)")
        }
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
        guard fd >= 0 else { throw SystemError(errno: errno, what: "socket") }
        guard address.withSockaddr({ bind(fd, $0, $1) }) == 0 else {
            let error = SystemError(errno: errno, what: "bind \(path)")
            Glibc.close(fd)
            throw error
        }
        guard chmod(path, 0o666) == 0 else {
            let error = SystemError(errno: errno, what: "chmod \(path)")
            Glibc.close(fd)
            unlink(path)
            throw error
        }
        return fd
    }
}
