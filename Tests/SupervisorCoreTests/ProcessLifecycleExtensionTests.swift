import SupervisorCommon
import SupervisorConfig
import XCTest

@testable import SupervisorCore

/// The state machine with the extensions' policies: a start that waits for dependencies
/// (`depends_on`), RUNNING on a readiness check (`ready=`) with its timeout, and the
/// restart of an unhealthy process.
final class ProcessLifecycleExtensionTests: XCTestCase {
    private static let dependent = ProcessLifecycle.Policy(autorestart: .unexpected, startsecs: 1, startretries: 3,
                                                           hasDependencies: true)
    private static let readiness = ProcessLifecycle.Policy(autorestart: .unexpected, startsecs: 1, startretries: 1,
                                                           waitsForReadiness: true)

    private func states(_ steps: [LifecycleStep]) -> [ProcessState] {
        steps.compactMap { if case .enter(let state, _) = $0 { state } else { nil } }
    }

    func testAStartWithDependenciesWaitsInStartingWithoutAChild() {
        var machine = ProcessLifecycle(policy: Self.dependent)
        let steps = machine.handle(.start)
        XCTAssertEqual(states(steps), [.starting])
        XCTAssertTrue(steps.contains(.awaitDependencies))
        XCTAssertFalse(steps.contains(.launch))
        XCTAssertTrue(machine.awaitsDependencies)
        XCTAssertFalse(machine.hasChild)
        XCTAssertEqual(machine.handle(.start), [], "a second start while waiting changes nothing")
        XCTAssertEqual(machine.handle(.spawned), [], "no spawn outcome before the launch")
        XCTAssertEqual(machine.handle(.dependenciesMet), [.launch])
        XCTAssertFalse(machine.awaitsDependencies)
        XCTAssertEqual(machine.handle(.dependenciesMet), [], "met once")
    }

    func testAFailedDependencyGivesUpAtOnce() {
        var machine = ProcessLifecycle(policy: Self.dependent)
        _ = machine.handle(.start)
        let steps = machine.handle(.dependencyFailed)
        XCTAssertEqual(states(steps), [.fatal])
        XCTAssertTrue(steps.contains(.report(.dependencyFailed)))
        XCTAssertEqual(machine.wanted, .down)
        XCTAssertEqual(machine.handle(.dependenciesMet), [], "nothing launches after giving up")
    }

    func testStoppingAWaitingProcessStopsItWithoutSignals() {
        for event in [LifecycleEvent.stop, .stopForShutdown] {
            var machine = ProcessLifecycle(policy: Self.dependent)
            _ = machine.handle(.start)
            let steps = machine.handle(event)
            XCTAssertEqual(states(steps), [.stopped], "\(event)")
            XCTAssertFalse(steps.contains(.sendStopSignal), "\(event)")
            XCTAssertEqual(machine.handle(.dependenciesMet), [], "\(event): no launch once stopped")
        }
    }

    func testAWaitingProcessDoesNotLaunchOnceTheDaemonStops() {
        var machine = ProcessLifecycle(policy: Self.dependent)
        _ = machine.handle(.start)
        _ = machine.handle(.daemonStopping)
        XCTAssertEqual(machine.handle(.dependenciesMet), [])
        XCTAssertEqual(states(machine.handle(.stopForShutdown)), [.stopped])
    }

    func testRetriesAndRestartsWaitForTheDependenciesAgain() {
        var machine = ProcessLifecycle(policy: Self.dependent)
        _ = machine.handle(.start)
        _ = machine.handle(.dependenciesMet)
        _ = machine.handle(.spawnFailed)
        XCTAssertEqual(machine.state, .backoff)
        let retry = machine.handle(.retryDue)
        XCTAssertTrue(retry.contains(.awaitDependencies))
        XCTAssertFalse(retry.contains(.launch))
    }

    func testReadinessReplacesStartsecs() {
        var machine = ProcessLifecycle(policy: Self.readiness)
        _ = machine.handle(.start)
        XCTAssertEqual(machine.handle(.spawned), [.arm(.readyTimeout), .awaitReadiness])
        XCTAssertEqual(machine.handle(.startPeriodElapsed), [], "startsecs does not make it RUNNING")
        let steps = machine.handle(.ready)
        XCTAssertEqual(states(steps), [.running])
        XCTAssertTrue(steps.contains(.report(.ready)))
        XCTAssertEqual(machine.handle(.ready), [], "ready once")
    }

    func testAnExitBeforeReadyIsAFailedStartWhateverStartsecsSays() {
        var machine = ProcessLifecycle(policy: Self.readiness)
        _ = machine.handle(.start)
        _ = machine.handle(.spawned)
        let steps = machine.handle(.exited(expected: true, tooQuickly: false))
        XCTAssertEqual(states(steps), [.backoff])
        XCTAssertTrue(steps.contains(.recordExit(.tooQuickly)))
    }

    func testNotReadyInTimeStopsItThenBacksOffThenGivesUp() {
        var machine = ProcessLifecycle(policy: Self.readiness)
        _ = machine.handle(.start)
        _ = machine.handle(.spawned)
        let timeout = machine.handle(.readyTimedOut)
        XCTAssertEqual(timeout, [.endReadinessCheck, .report(.notReady), .report(.sendingStopSignal),
                                 .arm(.stopPeriod), .sendStopSignal])
        XCTAssertEqual(machine.state, .starting, "STARTING until it exits: STARTING->STOPPING->BACKOFF is no edge")
        XCTAssertEqual(machine.handle(.ready), [], "too late to be ready")
        XCTAssertTrue(machine.handle(.stopPeriodElapsed).contains(.sendKill), "SIGKILL after stopwaitsecs")
        let exit = machine.handle(.exited(expected: false, tooQuickly: false))
        XCTAssertEqual(states(exit), [.backoff])
        XCTAssertTrue(exit.contains(.recordExit(.notReady)))
        XCTAssertTrue(exit.contains(.arm(.retry(seconds: 1))))
        _ = machine.handle(.retryDue)
        _ = machine.handle(.spawned)
        _ = machine.handle(.readyTimedOut)
        let second = machine.handle(.exited(expected: false, tooQuickly: false))
        XCTAssertEqual(states(second), [.backoff, .fatal], "startretries=1: the second failure gives up")
    }

    func testAStopWhileAbandoningAStartKeepsTheKillTimer() {
        var machine = ProcessLifecycle(policy: Self.readiness)
        _ = machine.handle(.start)
        _ = machine.handle(.spawned)
        _ = machine.handle(.readyTimedOut)
        XCTAssertEqual(machine.handle(.stop), [.enter(.stopping)])
        XCTAssertEqual(states(machine.handle(.exited(expected: false, tooQuickly: false))), [.stopped])
    }

    func testRestartStopsThenStartsAgain() {
        var machine = ProcessLifecycle(policy: ProcessLifecycleTests.defaults)
        for event in [LifecycleEvent.start, .spawned, .startPeriodElapsed] { _ = machine.handle(event) }
        XCTAssertEqual(states(machine.handle(.restart)), [.stopping])
        XCTAssertEqual(machine.wanted, .up)
        let exit = machine.handle(.exited(expected: false, tooQuickly: false))
        XCTAssertEqual(states(exit), [.stopped, .starting])
        XCTAssertTrue(exit.contains(.launch))
    }

    func testAStopDuringARestartWins() {
        var machine = ProcessLifecycle(policy: ProcessLifecycleTests.defaults)
        for event in [LifecycleEvent.start, .spawned, .startPeriodElapsed, .restart, .stop] { _ = machine.handle(event) }
        XCTAssertEqual(states(machine.handle(.exited(expected: false, tooQuickly: false))), [.stopped])
        XCTAssertEqual(machine.wanted, .down)
    }

    // MARK: - Restart delays (issue 15)

    private static let delayed = ProcessLifecycle.Policy(autorestart: .always, startsecs: 1, startretries: 3,
                                                         restartDelay: 0.5, restartDelayMax: 4)

    private func respawnDelay(_ steps: [LifecycleStep]) -> Double? {
        for case .arm(.respawn(let delay)) in steps { return delay }
        return nil
    }

    func testRestartDelaysDoubleUpToTheCapAndStartOverAfterALongRun() {
        var machine = ProcessLifecycle(policy: Self.delayed)
        _ = machine.handle(.start)
        var delays: [Double?] = []
        for _ in 0..<5 {
            _ = machine.handle(.spawned)
            _ = machine.handle(.startPeriodElapsed)
            delays.append(respawnDelay(machine.handle(.exited(expected: false, tooQuickly: false))))
            _ = machine.handle(.respawnDue)
        }
        XCTAssertEqual(delays, [0.5, 1, 2, 4, 4])
        _ = machine.handle(.spawned)
        _ = machine.handle(.startPeriodElapsed)
        XCTAssertEqual(respawnDelay(machine.handle(.exited(expected: false, tooQuickly: false, stayedUp: true))), 0.5)
    }

    func testWithRestartDelaysBackoffFollowsTheSameRule() {
        var machine = ProcessLifecycle(policy: Self.delayed)
        _ = machine.handle(.start)
        var delays: [Double] = []
        for _ in 0..<3 {
            for case .arm(.retry(let seconds)) in machine.handle(.spawnFailed) { delays.append(seconds) }
            _ = machine.handle(.retryDue)
        }
        XCTAssertEqual(delays, [0.5, 1, 2])
    }

    func testAStartRequestStartsTheDelaysOver() {
        var machine = ProcessLifecycle(policy: Self.delayed)
        _ = machine.handle(.start)
        _ = machine.handle(.spawnFailed)
        _ = machine.handle(.retryDue)
        _ = machine.handle(.spawnFailed)
        _ = machine.handle(.stop)
        _ = machine.handle(.start)
        var delays: [Double] = []
        for case .arm(.retry(let seconds)) in machine.handle(.spawnFailed) { delays.append(seconds) }
        XCTAssertEqual(delays, [0.5])
    }

    func testInfiniteRetriesNeverGiveUp() {
        var machine = ProcessLifecycle(policy: .init(autorestart: .unexpected, startsecs: 1, startretries: .max,
                                                     restartDelay: 0.01))
        _ = machine.handle(.start)
        for _ in 0..<1000 {
            _ = machine.handle(.spawnFailed)
            XCTAssertEqual(machine.state, .backoff)
            _ = machine.handle(.retryDue)
        }
        XCTAssertEqual(machine.backoff, 1000)
    }

    func testWithoutTheKeysAnExitAfterALongRunRestartsAtOnce() {
        var machine = ProcessLifecycle(policy: ProcessLifecycleTests.defaults)
        for event in [LifecycleEvent.start, .spawned, .startPeriodElapsed] { _ = machine.handle(event) }
        let steps = machine.handle(.exited(expected: false, tooQuickly: false))
        XCTAssertNil(respawnDelay(steps))
        XCTAssertTrue(steps.contains(.launch))
    }
}
