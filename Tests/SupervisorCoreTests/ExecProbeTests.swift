import Glibc
import NIOCore
import SupervisorConfig
import XCTest

@testable import SupervisorCore

/// `exec:` attempts: real children of the supervisor, reaped by it, on a real event loop.
final class ExecProbeTests: XCTestCase {
    private var live: LiveSupervisor!

    override func setUpWithError() throws {
        live = try LiveSupervisor { program in
            program.directory = "/"
            program.umask = 0o027
            program.environment = [EnvironmentVariable(name: "CHECK_VALUE", value: "y")]
        }
    }

    override func tearDownWithError() throws {
        try live.shutdown()
    }

    func testExitZeroPassesAndTheOutputIsLoggedAtDebugLevel() throws {
        XCTAssertEqual(try live.probe(.exec(command: "/bin/sh -c 'echo hello; echo trouble >&2'")), .passed)
        let log = live.mainLog()
        XCTAssertTrue(log.contains("DEBG 'p' check exec:/bin/sh -c 'echo hello; echo trouble >&2' output:\nhello\ntrouble\n"), log)
        XCTAssertFalse(log.contains("reaped unknown pid"), log)
    }

    func testTheCommandRunsWithTheProcesssEnvironmentDirectoryAndUmaskAndStdinFromDevNull() throws {
        let command = #"/bin/sh -c 'test "$CHECK_VALUE" = y && test "$SUPERVISOR_PROCESS_NAME" = p && test "$(pwd)" = / && test "$(umask)" = 0027 && test "$(readlink /proc/self/fd/0)" = /dev/null'"#
        XCTAssertEqual(try live.probe(.exec(command: command)), .passed)
    }

    func testAnotherExitStatusFails() throws {
        XCTAssertEqual(try live.probe(.exec(command: "/bin/sh -c 'exit 3'")), .failed("exit status 3"))
    }

    func testDeathBySignalFails() throws {
        XCTAssertEqual(try live.probe(.exec(command: "/bin/sh -c 'kill -KILL $$'")), .failed("killed by SIGKILL"))
    }

    func testACommandThatCannotBeSpawnedFailsWithTheSpawnError() throws {
        XCTAssertEqual(try live.probe(.exec(command: "no-such-command-for-a-check")),
                       .failed("can't find command 'no-such-command-for-a-check'"))
    }

    func testTheOutputLoggedIsBounded() throws {
        XCTAssertEqual(try live.probe(.exec(command: "/bin/sh -c 'head -c 10000 /dev/zero | tr \"\\\\0\" x'")), .passed)
        let log = live.mainLog()
        XCTAssertTrue(log.contains("output:\n" + String(repeating: "x", count: 4096) + "\n(5904 more bytes not shown)\n"), log)
    }

    func testACommandOverItsTimeIsKilledReapedAndFails() throws {
        let started = NIODeadline.now()
        let live = live!
        let (result, pid) = try live.run { supervisor, process, spawner in
            let promise = live.promise(of: ProbeResult.self)
            _ = ProbeRunner(supervisor: supervisor).run(.exec(command: "sleep 30"), for: process, timeout: .milliseconds(200)) {
                promise.succeed($0)
            }
            let pid = spawner.launched[0]
            return promise.futureResult.map { ($0, pid) }
        }
        XCTAssertEqual(result, .failed("timed out after 0.2 seconds"))
        XCTAssertLessThan(NIODeadline.now() - started, .seconds(20), "sleep 30 was killed, not waited for")
        // Reaped before the result came: the pid no longer exists.
        XCTAssertEqual(kill(pid, 0), -1)
        XCTAssertEqual(errno, ESRCH)
        XCTAssertFalse(live.mainLog().contains("reaped unknown pid"), live.mainLog())
    }

    func testACancelledCommandIsKilledAndReapedAndNeverReports() throws {
        let reported = try live.run { supervisor, process, spawner in
            let reported = NIOLoopBound(Box(false), eventLoop: supervisor.eventLoop)
            let attempt = ProbeRunner(supervisor: supervisor).run(.exec(command: "sleep 30"), for: process, timeout: .seconds(60)) { _ in
                reported.value.value = true
            }
            attempt.cancel()
            return spawner.reaped[spawner.launched[0]]!.map { reported }
        }
        // One more turn of the loop, for a result that would have been queued.
        XCTAssertFalse(try live.run { supervisor, _, _ in supervisor.eventLoop.submit { reported.value.value } })
        XCTAssertFalse(live.mainLog().contains("reaped unknown pid"), live.mainLog())
    }
}
