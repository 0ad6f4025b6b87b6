import SupervisorCommon
import SupervisorConfig
import XCTest

@testable import SupervisorCore

/// Every (state, event) pair of the process state machine, as a table. The states are
/// the reference's (`supervisor.states.ProcessStates`); the edges of its diagram are
/// STOPPED->STARTING, STARTING->RUNNING|BACKOFF|STOPPING, RUNNING->STOPPING|EXITED,
/// BACKOFF->STARTING|FATAL|STOPPED, STOPPING->STOPPED, EXITED->STARTING,
/// FATAL->STARTING, and any state with a child -> UNKNOWN when signalling fails.
/// Rows that list no states are events the state ignores.
final class ProcessLifecycleTests: XCTestCase {
    /// autorestart=unexpected, startsecs=1, startretries=3: the reference's defaults.
    static let defaults = ProcessLifecycle.Policy(autorestart: .unexpected, startsecs: 1, startretries: 3)

    /// A machine brought into `state` by events, as it gets there in a real run.
    static func machine(in state: ProcessState, policy: ProcessLifecycle.Policy = defaults) -> ProcessLifecycle {
        var machine = ProcessLifecycle(policy: policy)
        func feed(_ events: LifecycleEvent...) { for event in events { _ = machine.handle(event) } }
        switch state {
        case .stopped: break
        case .starting: feed(.start, .spawned)
        case .running: feed(.start, .spawned, .startPeriodElapsed)
        case .backoff: feed(.start, .spawnFailed)
        case .stopping: feed(.start, .spawned, .startPeriodElapsed, .stop)
        case .exited: feed(.start, .spawned, .startPeriodElapsed, .exited(expected: true, tooQuickly: false))
        case .fatal:
            machine = ProcessLifecycle(policy: .init(autorestart: .unexpected, startsecs: 1, startretries: 0))
            _ = machine.handle(.start)
            _ = machine.handle(.spawnFailed)
        case .unknown: feed(.start, .spawned, .startPeriodElapsed, .signalFailed)
        }
        precondition(machine.state == state, "recipe for \(state.name) ended in \(machine.state.name)")
        return machine
    }

    struct Row {
        let from: ProcessState
        let event: LifecycleEvent
        /// The states published, in order.
        let enters: [ProcessState]
        let end: ProcessState
        let wanted: WantedState
        /// Steps that must be among the transition's (launch, signals, timers, reports).
        var including: [LifecycleStep] = []
        let line: UInt
    }

    static func row(_ from: ProcessState, _ event: LifecycleEvent, _ enters: [ProcessState], _ end: ProcessState,
                    _ wanted: WantedState, _ including: [LifecycleStep] = [], line: UInt = #line) -> Row {
        Row(from: from, event: event, enters: enters, end: end, wanted: wanted, including: including, line: line)
    }

    static let ok = LifecycleEvent.exited(expected: true, tooQuickly: false)
    static let bad = LifecycleEvent.exited(expected: false, tooQuickly: false)
    static let quick = LifecycleEvent.exited(expected: false, tooQuickly: true)

    // swiftlint:disable line_length
    static let table: [Row] = [
        // STOPPED: no child, wanted down.
        row(.stopped, .start, [.starting], .starting, .up, [.clearLastRun, .launch]),
        row(.stopped, .spawned, [], .stopped, .down),
        row(.stopped, .spawnFailed, [], .stopped, .down),
        row(.stopped, .startPeriodElapsed, [], .stopped, .down),
        row(.stopped, ok, [], .stopped, .down),
        row(.stopped, bad, [], .stopped, .down),
        row(.stopped, quick, [], .stopped, .down),
        row(.stopped, .stop, [], .stopped, .down),
        row(.stopped, .daemonStopping, [], .stopped, .down),
        row(.stopped, .stopForShutdown, [], .stopped, .down),
        row(.stopped, .stopPeriodElapsed, [], .stopped, .down),
        row(.stopped, .retryDue, [], .stopped, .down),
        row(.stopped, .respawnDue, [], .stopped, .down),
        row(.stopped, .signalFailed, [], .stopped, .down),
        // Extension events (the default policy: no dependencies, no readiness check).
        row(.stopped, .dependenciesMet, [], .stopped, .down),
        row(.stopped, .dependencyFailed, [], .stopped, .down),
        row(.stopped, .ready, [], .stopped, .down),
        row(.stopped, .readyTimedOut, [], .stopped, .down),
        row(.stopped, .restart, [], .stopped, .down),
        // STARTING: a child, startsecs timer armed, wanted up.
        row(.starting, .start, [], .starting, .up, [.report(.alreadyRunning)]),
        row(.starting, .spawned, [], .starting, .up),
        row(.starting, .spawnFailed, [], .starting, .up),
        row(.starting, .startPeriodElapsed, [.running], .running, .up, [.report(.running)]),
        row(.starting, ok, [.running, .exited], .exited, .down, [.recordExit(.exited(expected: true)), .releaseChild]),
        row(.starting, bad, [.running, .exited, .starting], .starting, .up, [.launch]),
        row(.starting, quick, [.backoff], .backoff, .up, [.recordExit(.tooQuickly), .arm(.retry(seconds: 1))]),
        row(.starting, .stop, [.stopping], .stopping, .down, [.arm(.stopPeriod), .sendStopSignal]),
        row(.starting, .daemonStopping, [], .starting, .down),
        row(.starting, .stopForShutdown, [.stopping], .stopping, .down, [.sendStopSignal]),
        row(.starting, .stopPeriodElapsed, [], .starting, .up),
        row(.starting, .retryDue, [], .starting, .up),
        row(.starting, .respawnDue, [], .starting, .up),
        row(.starting, .signalFailed, [.unknown], .unknown, .up, [.disarm]),
        // Extension events (the default policy: no dependencies, no readiness check).
        row(.starting, .dependenciesMet, [], .starting, .up),
        row(.starting, .dependencyFailed, [], .starting, .up),
        row(.starting, .ready, [], .starting, .up),
        row(.starting, .readyTimedOut, [], .starting, .up),
        row(.starting, .restart, [.stopping], .stopping, .up, [.arm(.stopPeriod), .sendStopSignal]),
        // RUNNING: a child, wanted up.
        row(.running, .start, [], .running, .up, [.report(.alreadyRunning)]),
        row(.running, .spawned, [], .running, .up),
        row(.running, .spawnFailed, [], .running, .up),
        row(.running, .startPeriodElapsed, [], .running, .up),
        row(.running, ok, [.exited], .exited, .down, [.reportExit(.exited(expected: true))]),
        row(.running, bad, [.exited, .starting], .starting, .up, [.reportExit(.exited(expected: false)), .launch]),
        row(.running, quick, [.exited, .starting], .starting, .up, [.launch]),
        row(.running, .stop, [.stopping], .stopping, .down, [.report(.sendingStopSignal), .sendStopSignal]),
        row(.running, .daemonStopping, [], .running, .down),
        row(.running, .stopForShutdown, [.stopping], .stopping, .down, [.sendStopSignal]),
        row(.running, .stopPeriodElapsed, [], .running, .up),
        row(.running, .retryDue, [], .running, .up),
        row(.running, .respawnDue, [], .running, .up),
        row(.running, .signalFailed, [.unknown], .unknown, .up),
        // Extension events (the default policy: no dependencies, no readiness check).
        row(.running, .dependenciesMet, [], .running, .up),
        row(.running, .dependencyFailed, [], .running, .up),
        row(.running, .ready, [], .running, .up),
        row(.running, .readyTimedOut, [], .running, .up),
        row(.running, .restart, [.stopping], .stopping, .up, [.arm(.stopPeriod), .sendStopSignal]),
        // BACKOFF: no child, retry timer armed, wanted up.
        row(.backoff, .start, [.starting], .starting, .up, [.launch]),
        row(.backoff, .spawned, [], .backoff, .up),
        row(.backoff, .spawnFailed, [], .backoff, .up),
        row(.backoff, .startPeriodElapsed, [], .backoff, .up),
        row(.backoff, ok, [], .backoff, .up),
        row(.backoff, bad, [], .backoff, .up),
        row(.backoff, quick, [], .backoff, .up),
        row(.backoff, .stop, [.stopped], .stopped, .down, [.report(.stoppedInBackoff), .disarm]),
        row(.backoff, .daemonStopping, [], .backoff, .down),
        row(.backoff, .stopForShutdown, [.fatal], .fatal, .down, [.disarm]),
        row(.backoff, .stopPeriodElapsed, [], .backoff, .up),
        row(.backoff, .retryDue, [.starting], .starting, .up, [.launch]),
        row(.backoff, .respawnDue, [], .backoff, .up),
        row(.backoff, .signalFailed, [], .backoff, .up),
        // Extension events (the default policy: no dependencies, no readiness check).
        row(.backoff, .dependenciesMet, [], .backoff, .up),
        row(.backoff, .dependencyFailed, [], .backoff, .up),
        row(.backoff, .ready, [], .backoff, .up),
        row(.backoff, .readyTimedOut, [], .backoff, .up),
        row(.backoff, .restart, [], .backoff, .up),
        // STOPPING: a child, stopwaitsecs timer armed, wanted down.
        row(.stopping, .start, [], .stopping, .down, [.report(.alreadyRunning)]),
        row(.stopping, .spawned, [], .stopping, .down),
        row(.stopping, .spawnFailed, [], .stopping, .down),
        row(.stopping, .startPeriodElapsed, [], .stopping, .down),
        row(.stopping, ok, [.stopped], .stopped, .down, [.recordExit(.stopped), .disarm, .releaseChild]),
        row(.stopping, bad, [.stopped], .stopped, .down, [.reportExit(.stopped)]),
        row(.stopping, quick, [.stopped], .stopped, .down, [.reportExit(.stopped)]),
        row(.stopping, .stop, [], .stopping, .down),
        row(.stopping, .daemonStopping, [], .stopping, .down),
        row(.stopping, .stopForShutdown, [], .stopping, .down),
        row(.stopping, .stopPeriodElapsed, [], .stopping, .down, [.report(.stopTimedOut), .arm(.stopPeriod), .sendKill]),
        row(.stopping, .retryDue, [], .stopping, .down),
        row(.stopping, .respawnDue, [], .stopping, .down),
        row(.stopping, .signalFailed, [.unknown], .unknown, .down),
        // Extension events (the default policy: no dependencies, no readiness check).
        row(.stopping, .dependenciesMet, [], .stopping, .down),
        row(.stopping, .dependencyFailed, [], .stopping, .down),
        row(.stopping, .ready, [], .stopping, .down),
        row(.stopping, .readyTimedOut, [], .stopping, .down),
        row(.stopping, .restart, [], .stopping, .down),
        // EXITED: no child, wanted down.
        row(.exited, .start, [.starting], .starting, .up, [.launch]),
        row(.exited, .spawned, [], .exited, .down),
        row(.exited, .spawnFailed, [], .exited, .down),
        row(.exited, .startPeriodElapsed, [], .exited, .down),
        row(.exited, ok, [], .exited, .down),
        row(.exited, bad, [], .exited, .down),
        row(.exited, quick, [], .exited, .down),
        row(.exited, .stop, [], .exited, .down),
        row(.exited, .daemonStopping, [], .exited, .down),
        row(.exited, .stopForShutdown, [], .exited, .down),
        row(.exited, .stopPeriodElapsed, [], .exited, .down),
        row(.exited, .retryDue, [], .exited, .down),
        row(.exited, .respawnDue, [], .exited, .down),
        row(.exited, .signalFailed, [], .exited, .down),
        // Extension events (the default policy: no dependencies, no readiness check).
        row(.exited, .dependenciesMet, [], .exited, .down),
        row(.exited, .dependencyFailed, [], .exited, .down),
        row(.exited, .ready, [], .exited, .down),
        row(.exited, .readyTimedOut, [], .exited, .down),
        row(.exited, .restart, [], .exited, .down),
        // FATAL: no child, wanted down.
        row(.fatal, .start, [.starting], .starting, .up, [.launch]),
        row(.fatal, .spawned, [], .fatal, .down),
        row(.fatal, .spawnFailed, [], .fatal, .down),
        row(.fatal, .startPeriodElapsed, [], .fatal, .down),
        row(.fatal, ok, [], .fatal, .down),
        row(.fatal, bad, [], .fatal, .down),
        row(.fatal, quick, [], .fatal, .down),
        row(.fatal, .stop, [], .fatal, .down),
        row(.fatal, .daemonStopping, [], .fatal, .down),
        row(.fatal, .stopForShutdown, [], .fatal, .down),
        row(.fatal, .stopPeriodElapsed, [], .fatal, .down),
        row(.fatal, .retryDue, [], .fatal, .down),
        row(.fatal, .respawnDue, [], .fatal, .down),
        row(.fatal, .signalFailed, [], .fatal, .down),
        // Extension events (the default policy: no dependencies, no readiness check).
        row(.fatal, .dependenciesMet, [], .fatal, .down),
        row(.fatal, .dependencyFailed, [], .fatal, .down),
        row(.fatal, .ready, [], .fatal, .down),
        row(.fatal, .readyTimedOut, [], .fatal, .down),
        row(.fatal, .restart, [], .fatal, .down),
        // UNKNOWN (a signal failed): the child is still there, wanted up.
        row(.unknown, .start, [], .unknown, .up, [.report(.alreadyRunning)]),
        row(.unknown, .spawned, [], .unknown, .up),
        row(.unknown, .spawnFailed, [], .unknown, .up),
        row(.unknown, .startPeriodElapsed, [], .unknown, .up),
        row(.unknown, ok, [.exited], .exited, .down),
        row(.unknown, bad, [.exited, .starting], .starting, .up, [.launch]),
        row(.unknown, quick, [.exited, .starting], .starting, .up, [.launch]),
        row(.unknown, .stop, [.stopping], .stopping, .down, [.sendStopSignal]),
        row(.unknown, .daemonStopping, [], .unknown, .down),
        row(.unknown, .stopForShutdown, [], .unknown, .down),
        row(.unknown, .stopPeriodElapsed, [], .unknown, .up),
        row(.unknown, .retryDue, [], .unknown, .up),
        row(.unknown, .respawnDue, [], .unknown, .up),
        row(.unknown, .signalFailed, [.unknown], .unknown, .up),
        // Extension events (the default policy: no dependencies, no readiness check).
        row(.unknown, .dependenciesMet, [], .unknown, .up),
        row(.unknown, .dependencyFailed, [], .unknown, .up),
        row(.unknown, .ready, [], .unknown, .up),
        row(.unknown, .readyTimedOut, [], .unknown, .up),
        row(.unknown, .restart, [], .unknown, .up),
    ]
    // swiftlint:enable line_length

    static let allEvents: [LifecycleEvent] = [
        .start, .spawned, .spawnFailed, .startPeriodElapsed, ok, bad, quick, .stop, .daemonStopping,
        .stopForShutdown, .stopPeriodElapsed, .retryDue, .respawnDue, .signalFailed,
        .dependenciesMet, .dependencyFailed, .ready, .readyTimedOut, .restart,
    ]

    func testStateNamesAndCodesAreTheReferences() {
        XCTAssertEqual(ProcessState.allCases.map(\.name),
                       ["STOPPED", "STARTING", "RUNNING", "BACKOFF", "STOPPING", "EXITED", "FATAL", "UNKNOWN"])
        XCTAssertEqual(ProcessState.allCases.map(\.rawValue), [0, 10, 20, 30, 40, 100, 200, 1000])
    }

    func testTableCoversEveryStateAndEvent() {
        for state in ProcessState.allCases {
            for event in Self.allEvents {
                let rows = Self.table.filter { $0.from == state && $0.event == event }
                XCTAssertEqual(rows.count, 1, "\(state.name) x \(event): \(rows.count) rows")
            }
        }
    }

    func testEveryRow() {
        for row in Self.table {
            var machine = Self.machine(in: row.from)
            let steps = machine.handle(row.event)
            let enters = steps.compactMap { step -> ProcessState? in
                if case .enter(let state, _) = step { return state } else { return nil }
            }
            let label = "\(row.from.name) x \(row.event)"
            XCTAssertEqual(enters, row.enters, label, line: row.line)
            XCTAssertEqual(machine.state, row.end, label, line: row.line)
            XCTAssertEqual(machine.wanted, row.wanted, label, line: row.line)
            for step in row.including {
                XCTAssertTrue(steps.contains(step), "\(label): \(step) missing from \(steps)", line: row.line)
            }
            if row.enters.isEmpty && row.including.isEmpty {
                XCTAssertEqual(steps, [], "\(label) should be ignored", line: row.line)
            }
        }
    }

    // MARK: - Sequences the table cannot show

    func testRetriesWaitOneMoreSecondEachThenGiveUp() {
        var machine = ProcessLifecycle(policy: Self.defaults)
        _ = machine.handle(.start)
        var delays: [Double] = []
        for _ in 0..<4 {
            let steps = machine.handle(.spawnFailed)
            for case .arm(.retry(let seconds)) in steps { delays.append(seconds) }
            if machine.state == .fatal {
                XCTAssertEqual(steps.last, .report(.gaveUp))
                break
            }
            XCTAssertEqual(machine.handle(.retryDue).last, .launch)
        }
        XCTAssertEqual(delays, [1, 2, 3])
        XCTAssertEqual(machine.state, .fatal)
        XCTAssertEqual(machine.wanted, .down)
        XCTAssertEqual(machine.backoff, 0)
    }

    func testTheRetryCountIsPublishedBeforeTheStateItGoesWith() {
        var machine = ProcessLifecycle(policy: .init(autorestart: .unexpected, startsecs: 1, startretries: 1))
        _ = machine.handle(.start)
        XCTAssertEqual(machine.handle(.spawnFailed), [.setTries(1), .enter(.backoff), .arm(.retry(seconds: 1))])
        _ = machine.handle(.retryDue)
        XCTAssertEqual(machine.handle(.spawnFailed), [
            .setTries(2), .enter(.backoff), .disarm, .setTries(0), .enter(.fatal), .report(.gaveUp),
        ])
    }

    func testReachingRunningClearsTheRetryCount() {
        var machine = Self.machine(in: .starting)
        _ = machine.handle(Self.quick)
        XCTAssertEqual(machine.backoff, 1)
        _ = machine.handle(.retryDue)
        _ = machine.handle(.spawned)
        _ = machine.handle(.startPeriodElapsed)
        XCTAssertEqual(machine.backoff, 0)
    }

    func testAStartPeriodOfZeroIsRunningAtOnce() {
        var machine = ProcessLifecycle(policy: .init(autorestart: .unexpected, startsecs: 0, startretries: 3))
        _ = machine.handle(.start)
        XCTAssertEqual(machine.handle(.spawned), [.disarm, .setTries(0), .enter(.running), .report(.running)])
    }

    func testAutorestartPolicies() {
        for (policy, wantedAfterStart, restartsAfterOK, restartsAfterBad) in [
            (AutoRestart.always, WantedState.up, true, true),
            (.unexpected, .up, false, true),
            (.never, .once, false, false),
        ] {
            for (event, restarts) in [(Self.ok, restartsAfterOK), (Self.bad, restartsAfterBad)] {
                var machine = Self.machine(in: .running, policy: .init(autorestart: policy, startsecs: 1, startretries: 3))
                XCTAssertEqual(machine.wanted, wantedAfterStart, "\(policy)")
                let steps = machine.handle(event)
                XCTAssertEqual(steps.contains(.launch), restarts, "\(policy) after \(event)")
                XCTAssertEqual(machine.wanted, restarts ? wantedAfterStart : .down, "\(policy) after \(event)")
            }
        }
    }

    func testNothingRestartsOnceTheDaemonStops() {
        var machine = Self.machine(in: .running, policy: .init(autorestart: .always, startsecs: 1, startretries: 3))
        _ = machine.handle(.daemonStopping)
        XCTAssertFalse(machine.handle(Self.bad).contains(.launch))
        XCTAssertEqual(machine.state, .exited)

        var failing = Self.machine(in: .starting)
        _ = failing.handle(.daemonStopping)
        let steps = failing.handle(Self.quick)
        XCTAssertEqual(failing.state, .backoff)
        XCTAssertFalse(steps.contains { if case .arm = $0 { true } else { false } }, "no retry timer: \(steps)")
        XCTAssertEqual(failing.handle(.retryDue), [])
    }

    func testAnExitSoonAfterTheSpawnWaitsForTheSecondToPass() {
        var machine = Self.machine(in: .running, policy: .init(autorestart: .always, startsecs: 1, startretries: 3))
        let steps = machine.handle(.exited(expected: false, tooQuickly: false, soonAfterSpawn: true))
        XCTAssertEqual(steps.last, .arm(.respawn(delay: 0)))
        XCTAssertFalse(steps.contains(.launch))
        XCTAssertEqual(machine.state, .exited)
        XCTAssertTrue(machine.isRestartPending)
        XCTAssertEqual(machine.handle(.respawnDue).last, .launch)
        XCTAssertEqual(machine.state, .starting)
        XCTAssertEqual(machine.handle(.respawnDue), [], "only a pending restart is due")
    }

    func testAPendingRestartIsCalledOffByStopShutdownOrStart() {
        let soon = LifecycleEvent.exited(expected: false, tooQuickly: false, soonAfterSpawn: true)
        let policy = ProcessLifecycle.Policy(autorestart: .always, startsecs: 1, startretries: 3)
        for (event, steps, end) in [
            (LifecycleEvent.stop, [LifecycleStep.disarm, .enter(.stopped)], ProcessState.stopped),
            (.daemonStopping, [.disarm], .exited),
            (.stopForShutdown, [.disarm], .exited),
        ] {
            var machine = Self.machine(in: .running, policy: policy)
            _ = machine.handle(soon)
            XCTAssertEqual(machine.handle(event), steps, "\(event)")
            XCTAssertEqual(machine.state, end, "\(event)")
            XCTAssertFalse(machine.isRestartPending, "\(event)")
            XCTAssertEqual(machine.handle(.respawnDue), [], "\(event)")
        }
        var started = Self.machine(in: .running, policy: policy)
        _ = started.handle(soon)
        XCTAssertEqual(started.handle(.start), [.clearLastRun, .disarm, .enter(.starting), .launch], "a start does not wait")
    }

    func testExitStepsRecordBeforeAndReportAfterTheStateChange() {
        var machine = Self.machine(in: .running)
        XCTAssertEqual(machine.handle(Self.bad).prefix(6), [
            .disarm, .recordExit(.exited(expected: false)), .setTries(0), .enter(.exited, expected: false),
            .reportExit(.exited(expected: false)), .releaseChild,
        ])
    }
}
