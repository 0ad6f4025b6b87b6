import Glibc
import NIOCore
import NIOEmbedded
import SupervisorCommon
import SupervisorConfig
import XCTest

@testable import SupervisorCore

/// `depends_on` carried out by the supervisor on a test clock with a fake spawner: who
/// waits, who is started first, who fails, and the order stops happen in.
final class DependencyTests: EmbeddedSupervisorCase {
    private func program(_ name: String, priority: Int = 999, _ configure: (inout ProcessConfig) -> Void = { _ in })
        -> GroupConfig {
        var process = ProcessConfig(name: name, command: "/bin/true")
        process.programName = name
        process.priority = priority
        process.startsecs = 0
        process.stdout.logfile = .none
        process.stderr.logfile = .none
        configure(&process)
        return GroupConfig(name: name, priority: priority, processes: [process])
    }

    private func process(_ name: String) -> Subprocess { supervisor.groups[name]!.processes[0] }

    private func exit(_ name: String, code: Int32) {
        supervisor.childExited(pid: process(name).pid, status: code << 8)
        loop.run()
    }

    private var launched: [String] { spawner.launches.map(\.name) }

    func testADependentWaitsUntilItsDependencyRuns() {
        startSupervisor([program("web", priority: 1) { $0.dependsOn = [Dependency(program: "db")] },
             program("db", priority: 2) { $0.startsecs = 2 }])
        XCTAssertEqual(launched, ["db"], "web is not spawned before db runs")
        XCTAssertEqual(process("web").state, .starting)
        XCTAssertEqual(process("web").pid, 0)
        XCTAssertEqual(process("web").waitingFor, ["db"])
        loop.advanceTime(by: .seconds(2))
        XCTAssertEqual(process("db").state, .running)
        XCTAssertEqual(launched, ["db", "web"])
        XCTAssertEqual(process("web").waitingFor, [])
    }

    func testStartingADependentStartsItsStoppedDependenciesFirst() {
        startSupervisor([program("app") { $0.autostart = false; $0.dependsOn = [Dependency(program: "migrate", condition: .completed)] },
             program("migrate") { $0.autostart = false; $0.autorestart = .never }])
        XCTAssertEqual(launched, [])
        process("app").start()
        XCTAssertEqual(launched, ["migrate"])
        XCTAssertEqual(process("app").waitingFor, ["migrate"])
        exit("migrate", code: 0)
        XCTAssertEqual(launched, ["migrate", "app"], "app starts once migrate completed")
        XCTAssertEqual(process("app").state, .running)
    }

    func testAFailedDependencyMakesTheDependentFatalNamingIt() {
        startSupervisor([program("app") { $0.dependsOn = [Dependency(program: "migrate", condition: .completed)] },
             program("migrate") { $0.autorestart = .never }])
        exit("migrate", code: 1)
        XCTAssertEqual(process("migrate").state, .exited)
        XCTAssertEqual(process("app").state, .fatal)
        XCTAssertEqual(process("app").spawnError, "dependency 'migrate' failed (EXITED)")
        XCTAssertEqual(launched, ["migrate"])
    }

    func testAFatalDependencyFailsARunningCondition() {
        spawner.failingLaunches = 1
        startSupervisor([program("web") { $0.dependsOn = [Dependency(program: "db")] },
             program("db") { $0.startretries = 0 }])
        XCTAssertEqual(process("db").state, .fatal)
        XCTAssertEqual(process("web").state, .fatal)
        XCTAssertEqual(process("web").spawnError, "dependency 'db' failed (FATAL)")
    }

    func testShutdownStopsDependentsBeforeTheirDependenciesWhateverThePriorities() {
        // By priority alone db (999) would stop before web (1).
        startSupervisor([program("web", priority: 1) { $0.dependsOn = [Dependency(program: "db")] },
             program("db", priority: 999)])
        XCTAssertEqual(process("web").state, .running)
        supervisor.requestStop(.shutdown)
        XCTAssertEqual(spawner.signals.map(\.pid), [process("web").pid], "only web is signalled first")
        exit("web", code: 0)
        XCTAssertEqual(spawner.signals.map(\.pid).last, process("db").pid, "db once web stopped")
    }

    func testWithoutDependenciesShutdownKeepsThePriorityOrder() {
        startSupervisor([program("a", priority: 1), program("b", priority: 2)])
        supervisor.requestStop(.shutdown)
        XCTAssertEqual(spawner.signals.map(\.pid), [process("b").pid])
    }
}
