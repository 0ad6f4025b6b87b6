import Glibc
import NIOCore
import SupervisorCommon

/// The daemon's sd_notify sockets: the directory they live in, and the watcher that tells
/// the loop which of them has datagrams (the thread that watches the children's output
/// pipes does the same for those). NIO's datagram channel is of no use here: it cannot
/// take a datagram from an unbound socket, which is what sd_notify sends from.
///
/// The directory is made on first use (mkdtemp under `$TMPDIR`, else /tmp) with mode
/// 0711: a child running as another `user=` can reach the socket it was told of but
/// cannot list the others. It is removed, with any socket still open, when the daemon
/// finishes.
final class NotifySockets {
    private var directory: String?
    private var lastNumber = 0
    private var watcher: PipeWatcher?
    private var sockets: [Int32: NotifySocket] = [:]
    /// One receive buffer for every socket: reads happen one at a time, on the loop. One
    /// byte more than a datagram may have, so that a longer one shows.
    private let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: NotifySocket.maxDatagramBytes + 1, alignment: 16)

    deinit {
        buffer.deallocate()
    }

    /// A path for a new socket: `<directory>/<number>`, short, as `sun_path` holds 107 bytes.
    func newSocketPath() throws -> String {
        let directory = try existingDirectory()
        lastNumber += 1
        return "\(directory)/\(lastNumber)"
    }

    /// Starts reporting `socket`'s datagrams to it, on `eventLoop`.
    func watch(_ socket: NotifySocket, on eventLoop: EventLoop, log: MainLog) throws {
        try startedWatcher(on: eventLoop, log: log).add(socket.fd)
        sockets[socket.fd] = socket
    }

    /// Stops watching `socket` (closing it) and removes its file.
    func forget(_ socket: NotifySocket) {
        guard sockets[socket.fd] === socket else { return }
        watcher?.remove(socket.fd)
        sockets[socket.fd] = nil
        unlink(socket.path)
    }

    /// Closes the sockets still open and removes the directory (the daemon finishes).
    func remove() {
        for socket in Array(sockets.values) { socket.close() }
        watcher?.stop()
        watcher = nil
        if let directory { rmdir(directory) }
        directory = nil
    }

    private func startedWatcher(on eventLoop: EventLoop, log: MainLog) throws -> PipeWatcher {
        if let watcher { return watcher }
        let started = try PipeWatcher(eventLoop: eventLoop, onReady: { [weak self] fds in
            self?.serve(fds)
        }, onFailure: { error in
            log.critical("cannot watch the notify sockets: \(SystemError(errno: error, what: "epoll_wait"))")
        })
        watcher = started
        return started
    }

    private func serve(_ fds: [Int32]) {
        for fd in fds {
            guard let socket = sockets[fd] else { continue }
            socket.receive(into: buffer)
            // Armed again, it reports at once if datagrams are left (after other events).
            if sockets[fd] === socket { watcher?.rearm(fd) }
        }
    }

    private func existingDirectory() throws -> String {
        if let directory { return directory }
        let parent = getenv("TMPDIR").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array(((parent.hasSuffix("/") ? parent : parent + "/") + "supervisor-XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!).map { String(cString: $0) } }
        guard let made else { throw SystemError(errno: errno, what: "mkdtemp in \(parent)") }
        guard chmod(made, 0o711) == 0 else {
            let error = SystemError(errno: errno, what: "chmod \(made)")
            rmdir(made)
            throw error
        }
        directory = made
        return made
    }
}
