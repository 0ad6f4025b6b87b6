import CSupervisor
import Glibc
import NIOCore

/// What `PipeWatcher`'s thread runs: it waits in epoll_wait and posts each report to the
/// loop, the only place its callbacks may run.
final class EpollWaiter: Sendable {
    private let epollFD: Int32
    /// Readable once the watcher stops: the thread then ends.
    private let stopFD: Int32
    private let eventLoop: EventLoop
    private let onReady: NIOLoopBound<([Int32]) -> Void>
    private let onFailure: NIOLoopBound<(Int32) -> Void>

    init(epollFD: Int32, stopFD: Int32, eventLoop: EventLoop,
         onReady: NIOLoopBound<([Int32]) -> Void>, onFailure: NIOLoopBound<(Int32) -> Void>) {
        self.epollFD = epollFD
        self.stopFD = stopFD
        self.eventLoop = eventLoop
        self.onReady = onReady
        self.onFailure = onFailure
    }

    func run() {
        var buffer = [Int32](repeating: 0, count: 64)
        while true {
            let count = buffer.withUnsafeMutableBufferPointer { sv_epoll_ready(epollFD, $0.baseAddress, Int32($0.count)) }
            if count < 0 {
                let error = errno
                eventLoop.execute { self.onFailure.value(error) }
                return
            }
            let ready = Array(buffer[0..<Int(count)])
            if ready.contains(stopFD) { return }
            eventLoop.execute { self.onReady.value(ready) }
        }
    }
}
