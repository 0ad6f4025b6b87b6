import Glibc

@testable import SupervisorCore

/// A spawner that makes no process: it hands out pids, fails launches on request and
/// records every launch and signal, so the state machine runs on a test clock.
final class FakeSpawner: ChildSpawner {
    private(set) var launches: [LaunchPlan] = []
    private(set) var signals: [(signal: Int32, pid: pid_t)] = []
    /// How many of the next launches fail.
    var failingLaunches = 0
    /// What the next signals return (an errno), 0 when empty.
    var signalResults: [Int32] = []
    private var nextPid: pid_t = 1000

    func launch(_ plan: LaunchPlan) throws -> LaunchedChild {
        launches.append(plan)
        if failingLaunches > 0 {
            failingLaunches -= 1
            throw SpawnFailure(message: "fake failure for '\(plan.name)'")
        }
        nextPid += 1
        return LaunchedChild(pid: nextPid)
    }

    func send(_ signal: Int32, to pid: pid_t) -> Int32 {
        signals.append((signal, pid))
        return signalResults.isEmpty ? 0 : signalResults.removeFirst()
    }
}
