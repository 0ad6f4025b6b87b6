import SupervisorCommon
import Glibc
import NIOCore
import NIOEmbedded
import SupervisorConfig
import XCTest

@testable import SupervisorCore

/// The state machine carried out by `Subprocess` on a test clock: startsecs, stopwaitsecs,
/// the backoff delays and autorestart, with a fake spawner and an `EmbeddedEventLoop`.
final class SubprocessTimerTests: EmbeddedSupervisorCase {
    /// One program `p` with `configure` applied, logs off, added but not started.
    private func process(_ configure: (inout ProcessConfig) -> Void = { _ in }) -> Subprocess {
        var program = ProcessConfig(name: "p", command: "/bin/true")
        program.autostart = false
        program.stdout.logfile = .none
        program.stderr.logfile = .none
        configure(&program)
        startSupervisor([GroupConfig(name: "p", priority: 999, processes: [program])])
        return supervisor.groups["p"]!.processes[0]
    }

    private func exit(_ process: Subprocess, code: Int32) {
        supervisor.childExited(pid: process.pid, status: code << 8)
    }

    func testStartingBecomesRunningAfterStartsecs() {
        let process = process { $0.startsecs = 3 }
        process.start()
        XCTAssertEqual(process.state, .starting)
        XCTAssertEqual(process.wanted, .up)
        loop.advanceTime(by: .milliseconds(2999))
        XCTAssertEqual(process.state, .starting)
        loop.advanceTime(by: .milliseconds(1))
        XCTAssertEqual(process.state, .running)
    }

    func testFailedSpawnsRetryAfterOneTwoThreeSecondsThenGiveUp() {
        let process = process { $0.startretries = 3 }
        spawner.failingLaunches = 100
        process.start()
        XCTAssertEqual(process.state, .backoff)
        XCTAssertEqual(spawner.launches.count, 1)
        for (attempt, delay) in [(2, 1), (3, 2), (4, 3)] {
            loop.advanceTime(by: .milliseconds(Int64(delay) * 1000 - 1))
            XCTAssertEqual(spawner.launches.count, attempt - 1, "retry \(attempt) came early")
            loop.advanceTime(by: .milliseconds(1))
            XCTAssertEqual(spawner.launches.count, attempt, "retry \(attempt) after \(delay) s")
        }
        XCTAssertEqual(process.state, .fatal)
        XCTAssertEqual(process.wanted, .down)
        XCTAssertEqual(process.spawnError, "fake failure for 'p'")
        loop.advanceTime(by: .seconds(60))
        XCTAssertEqual(spawner.launches.count, 4, "no spawn after FATAL")
    }

    func testExitBeforeStartsecsIsAFailedStartAndIsRetried() {
        let process = process { $0.startsecs = 5 }
        process.start()
        loop.advanceTime(by: .seconds(1))
        exit(process, code: 0)
        XCTAssertEqual(process.state, .backoff)
        XCTAssertEqual(process.spawnError, "Exited too quickly (process log may have details)")
        XCTAssertEqual(process.pid, 0)
        loop.advanceTime(by: .seconds(1))
        XCTAssertEqual(process.state, .starting)
        XCTAssertEqual(spawner.launches.count, 2)
    }

    func testStopSendsTheStopSignalThenSIGKILLAfterStopwaitsecs() {
        let process = process {
            $0.startsecs = 0
            $0.stopwaitsecs = 4
            $0.stopsignal = SIGINT
            $0.killasgroup = true
        }
        process.start()
        XCTAssertEqual(process.state, .running)
        let pid = process.pid
        XCTAssertNil(process.stop())
        XCTAssertEqual(process.state, .stopping)
        XCTAssertEqual(spawner.signals.map(\.signal), [SIGINT])
        XCTAssertEqual(spawner.signals.map(\.pid), [pid])
        loop.advanceTime(by: .milliseconds(3999))
        XCTAssertEqual(spawner.signals.count, 1)
        loop.advanceTime(by: .milliseconds(1))
        XCTAssertEqual(spawner.signals.map(\.signal), [SIGINT, SIGKILL])
        XCTAssertEqual(spawner.signals.last?.pid, -pid, "killasgroup signals the process group")
        supervisor.childExited(pid: pid, status: SIGKILL)
        XCTAssertEqual(process.state, .stopped)
        XCTAssertEqual(process.exitStatus, -1)
        loop.advanceTime(by: .seconds(60))
        XCTAssertEqual(spawner.signals.count, 2, "no SIGKILL after the exit")
    }

    func testUnexpectedExitRestartsAtOnceAndExpectedExitDoesNot() {
        let process = process { $0.startsecs = 0 }
        process.start()
        loop.advanceTime(by: .seconds(1))
        exit(process, code: 3)
        XCTAssertEqual(process.state, .running, "restarted in the same event")
        XCTAssertEqual(spawner.launches.count, 2)
        loop.advanceTime(by: .seconds(5))
        exit(process, code: 0)
        XCTAssertEqual(process.state, .exited)
        XCTAssertEqual(process.wanted, .down)
        XCTAssertEqual(process.exitStatus, 0)
        XCTAssertEqual(spawner.launches.count, 2)
    }

    func testACrashLoopSpawnsAtMostOnceASecond() {
        let process = process {
            $0.startsecs = 0
            $0.autorestart = .always
        }
        process.start()
        loop.advanceTime(by: .milliseconds(300))
        exit(process, code: 1)
        XCTAssertEqual(process.state, .exited, "waits for the second since its spawn")
        XCTAssertTrue(process.isRestartPending)
        loop.advanceTime(by: .milliseconds(699))
        XCTAssertEqual(spawner.launches.count, 1)
        loop.advanceTime(by: .milliseconds(1))
        XCTAssertEqual(spawner.launches.count, 2, "spawned a second after the previous spawn")
        XCTAssertEqual(process.state, .running)
    }

    func testAStopBetweenTheExitsOfACrashLoopCallsTheRestartOff() {
        let process = process {
            $0.startsecs = 0
            $0.autorestart = .always
        }
        process.start()
        exit(process, code: 1)
        XCTAssertTrue(process.isRestartPending)
        XCTAssertNil(process.stop())
        XCTAssertEqual(process.state, .stopped)
        XCTAssertEqual(process.wanted, .down)
        loop.advanceTime(by: .seconds(5))
        XCTAssertEqual(spawner.launches.count, 1)
    }

    func testAStopWhileWaitingToRetryCancelsTheRetry() {
        let process = process()
        spawner.failingLaunches = 1
        process.start()
        XCTAssertEqual(process.state, .backoff)
        XCTAssertNil(process.stop())
        XCTAssertEqual(process.state, .stopped)
        loop.advanceTime(by: .seconds(10))
        XCTAssertEqual(spawner.launches.count, 1)
    }

    func testAFailedStopSignalLeavesTheProcessUnknownAndSaysWhy() {
        let process = process { $0.startsecs = 0 }
        process.start()
        spawner.signalResults = [EPERM]
        let message = process.stop()
        XCTAssertEqual(process.state, .unknown)
        XCTAssertTrue(message?.hasPrefix("unknown problem killing p (") ?? false, message ?? "nil")
        loop.advanceTime(by: .seconds(60))
        XCTAssertEqual(spawner.signals.count, 1, "the stopwaitsecs timer was cancelled")
    }

    private func essentialProcess(autorestart: AutoRestart) -> Subprocess {
        process {
            $0.startsecs = 0
            $0.autorestart = autorestart
            $0.essential = true
        }
    }

    func testAnEssentialProcessThatEndsForGoodStopsTheDaemonWithItsStatus() {
        let process = essentialProcess(autorestart: .never)
        process.start()
        exit(process, code: 3)
        XCTAssertEqual(supervisor.state, .running, "acts on the loop's next turn")
        loop.run()
        XCTAssertEqual(supervisor.state, .shutdown)
        XCTAssertEqual(supervisor.exitStatus, 3)
    }

    func testAnEssentialProcessThatIsRestartedOrStoppedDoesNot() {
        let process = essentialProcess(autorestart: .always)
        process.start()
        loop.advanceTime(by: .seconds(2))
        exit(process, code: 3)
        XCTAssertNil(process.stop())
        supervisor.childExited(pid: process.pid, status: SIGTERM)
        loop.run()
        XCTAssertEqual(process.state, .stopped)
        XCTAssertEqual(supervisor.state, .running)
        XCTAssertEqual(supervisor.exitStatus, 0)
    }

    func testShutdownStopsRunningProcessesAndNothingRestarts() {
        let process = process {
            $0.startsecs = 0
            $0.autorestart = .always
        }
        var finished: SupervisorState?
        supervisor.onFinished = { finished = $0 }
        process.start()
        supervisor.requestStop(.shutdown)
        XCTAssertEqual(process.state, .stopping)
        XCTAssertEqual(process.wanted, .down)
        exit(process, code: 0)
        XCTAssertEqual(process.state, .stopped)
        loop.run()
        XCTAssertEqual(finished, .shutdown)
        XCTAssertEqual(spawner.launches.count, 1)
    }

    func testRestartDelaysOnTheClockKeepTheOneSecondFloor() {
        let process = process {
            $0.autorestart = .always
            $0.restartDelay = 0.5
            $0.restartDelayMax = 4
        }
        process.start()
        for (run, delay) in [0.5, 1, 2, 4, 4].enumerated() {
            loop.advanceTime(by: .milliseconds(1100))
            exit(process, code: 1)
            XCTAssertEqual(spawner.launches.count, run + 1, "run \(run): no restart before the delay")
            loop.advanceTime(by: .fractionalSeconds(delay) - .milliseconds(1))
            XCTAssertEqual(spawner.launches.count, run + 1, "run \(run): restart came early")
            loop.advanceTime(by: .milliseconds(1))
            XCTAssertEqual(spawner.launches.count, run + 2, "run \(run): restarted after \(delay) s")
        }
    }

    func testARestartDelayShorterThanTheFloorWaitsForTheSecondSinceTheSpawn() {
        let process = process {
            $0.autorestart = .always
            $0.restartDelay = 0.5
        }
        process.start()
        loop.advanceTime(by: .milliseconds(200))
        exit(process, code: 1)
        loop.advanceTime(by: .milliseconds(799))
        XCTAssertEqual(spawner.launches.count, 1, "a second between spawns")
        loop.advanceTime(by: .milliseconds(1))
        XCTAssertEqual(spawner.launches.count, 2)
    }
}
