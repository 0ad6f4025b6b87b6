import CSupervisor
import Glibc
import NIOCore
import SupervisorCommon

/// Tells the loop which child pipes (or notify sockets) have data, from a helper thread blocked in epoll_wait.
///
/// A NIO channel per pipe costs about 2 KiB and a teardown per child; with thousands of
/// children that was most of the daemon's memory. The thread only watches: every read
/// still happens on the loop. Each pipe is armed for one report (EPOLLONESHOT) and stays
/// quiet until the loop, having read it empty, arms it again, so the thread never spins
/// on data the loop has not read yet, and it sleeps while the children are silent.
///
/// Owned by the loop; the thread gets only an `EpollWaiter`, whose callbacks the compiler
/// lets it reach solely by posting them to the loop.
final class PipeWatcher {
    private let epollFD: Int32
    /// Written to by `stop()`; its read end sits in the epoll set and ends the thread.
    private let stopPipe: (read: Int32, write: Int32)
    private var thread = pthread_t()

    /// Starts the thread. Call on `eventLoop`, where `onReady` (with the descriptors reported
    /// ready, possibly already closed there) and `onFailure` (an errno from epoll_wait) run.
    init(eventLoop: EventLoop, onReady: @escaping ([Int32]) -> Void, onFailure: @escaping (Int32) -> Void) throws {
        epollFD = sv_epoll_create()
        guard epollFD >= 0 else { throw SystemError(errno: errno, what: "epoll_create1") }
        var fds: [Int32] = [-1, -1]
        guard sv_pipe_cloexec(&fds) == 0 else {
            let error = errno
            Glibc.close(epollFD)
            throw SystemError(errno: error, what: "pipe")
        }
        stopPipe = (fds[0], fds[1])
        guard sv_epoll_arm(epollFD, stopPipe.read, 1) == 0 else {
            let error = errno
            closeDescriptors()
            throw SystemError(errno: error, what: "epoll_ctl")
        }
        let waiter = EpollWaiter(epollFD: epollFD, stopFD: stopPipe.read, eventLoop: eventLoop,
                                 onReady: NIOLoopBound(onReady, eventLoop: eventLoop),
                                 onFailure: NIOLoopBound(onFailure, eventLoop: eventLoop))
        switch HelperThread.start({ waiter.run() }) {
        case .success(let started):
            thread = started
        case .failure(let error):
            closeDescriptors()
            throw error
        }
    }

    /// Starts watching `fd` (non-blocking, owned by the caller).
    func add(_ fd: Int32) throws {
        guard sv_epoll_arm(epollFD, fd, 1) == 0 else { throw SystemError(errno: errno, what: "epoll_ctl") }
    }

    /// Asks for the next report on `fd`; call after reading it until EAGAIN.
    func rearm(_ fd: Int32) {
        _ = sv_epoll_arm(epollFD, fd, 0)
    }

    /// Stops watching `fd`; call before closing it.
    func remove(_ fd: Int32) {
        _ = sv_epoll_forget(epollFD, fd)
    }

    /// Ends the thread and waits for it. Reports it had posted may still run on the loop.
    func stop() {
        var byte: UInt8 = 1
        _ = Glibc.write(stopPipe.write, &byte, 1)
        pthread_join(thread, nil)
        closeDescriptors()
    }

    private func closeDescriptors() {
        Glibc.close(stopPipe.read)
        Glibc.close(stopPipe.write)
        Glibc.close(epollFD)
    }
}
