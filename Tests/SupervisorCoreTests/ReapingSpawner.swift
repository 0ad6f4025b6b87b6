import Foundation
import Glibc
import NIOCore

@testable import SupervisorCore

/// The system spawner, plus what SIGCHLD does in the daemon: a thread per child waits for
/// it to exit without reaping it (waitid WNOWAIT), then the supervisor reaps on the loop,
/// as the daemon's signal handler makes it do. (The daemon's signalfd cannot serve a test
/// process: SIGCHLD would have to be blocked in all of its threads.) Used on the loop only.
final class ReapingSpawner: ChildSpawner {
    private let system = SystemSpawner()
    private let loop: EventLoop
    /// The supervisor's reap, set once it exists.
    var reap: NIOLoopBound<() -> Void>?
    /// Completed once the supervisor has reaped the child.
    private(set) var reaped: [pid_t: EventLoopFuture<Void>] = [:]
    private(set) var launched: [pid_t] = []

    init(loop: EventLoop) {
        self.loop = loop
    }

    func launch(_ plan: LaunchPlan) throws -> LaunchedChild {
        let child = try system.launch(plan)
        launched.append(child.pid)
        let promise = loop.makePromise(of: Void.self)
        reaped[child.pid] = promise.futureResult
        let (pid, loop, reap) = (child.pid, loop, reap!)
        Thread.detachNewThread {
            var info = siginfo_t()
            while waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) != 0 && errno == EINTR {}
            loop.execute {
                reap.value()
                promise.succeed()
            }
        }
        return child
    }

    func send(_ signal: Int32, to pid: pid_t) -> Int32 {
        system.send(signal, to: pid)
    }
}
