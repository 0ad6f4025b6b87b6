import Foundation
import Glibc
import NIOCore
import SupervisorCommon
import SupervisorConfig
import XCTest

@testable import SupervisorCore

/// Processes in real cgroups (cgroup v2 must be writable here, else skipped): each test
/// makes a cgroup of its own to stand for the daemon's, with the tree below it.
final class CgroupLiveTests: XCTestCase {
    private var own: String!
    private var live: LiveSupervisor?

    override func setUpWithError() throws {
        let directory: String
        do {
            directory = try CgroupLocation.current()
        } catch {
            throw XCTSkip("no cgroup v2: \(error)")
        }
        own = directory + "/swift-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        guard mkdir(own, 0o755) == 0 else { throw XCTSkip("cgroup v2 at \(directory) is not writable: \(String(cString: strerror(errno)))") }
        guard access(own + "/cgroup.kill", F_OK) == 0 else {
            rmdir(own)
            throw XCTSkip("no cgroup.kill (Linux 5.14 or later)")
        }
    }

    override func tearDownWithError() throws {
        if let live {
            // As the daemon does before it exits: the processes stop, their cgroups go.
            let running = try live.run { supervisor, process, _ in supervisor.eventLoop.makeSucceededFuture(process.state == .running) }
            if running { try Self.move(live, to: .stopped) { $0.stop() } }
            try live.shutdown()
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: own + "/supervisord-test"), "the tree is removed")
        rmdir(own)
    }

    private func start(_ configure: (inout ProcessConfig) -> Void) throws -> LiveSupervisor {
        let live = try LiveSupervisor(cgroupsBelow: own, configure)
        self.live = live
        try Self.move(live, to: .running) { $0.start() }
        return live
    }

    /// Does `action` to `p`, then waits for it to be in `state`.
    private static func move(_ live: LiveSupervisor, to state: ProcessState,
                             by action: @escaping @Sendable (Subprocess) -> Void) throws {
        try live.run { _, process, _ in
            let promise = live.promise(of: Void.self)
            let reached = Box(false)
            _ = process.addStateObserver {
                guard $0.state == state, !reached.value else { return }
                reached.value = true
                promise.succeed()
            }
            action(process)
            return promise.futureResult
        }
    }

    private func isAlive(_ pid: pid_t) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return false }
        let state = stat[stat.index(close, offsetBy: 2)]
        return state != "Z" && state != "X"
    }

    private func readPid(_ path: String) throws -> pid_t {
        for _ in 0..<200 {
            if let text = try? String(contentsOfFile: path, encoding: .utf8), let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
                return pid
            }
            usleep(10_000)
        }
        throw LiveSupervisor.TimedOut()
    }

    func testTheChildStartsInItsCgroupAndAStopEndsItsDaemonizedGrandchild() throws {
        let pidFile = NSTemporaryDirectory() + "/cgroup-grandchild-\(getpid())"
        defer { unlink(pidFile) }
        let live = try start { program in
            program.command = "/bin/sh -c 'setsid /bin/sh -c \"sleep 1000 & echo \\$! > \(pidFile)\" & exec sleep 1000'"
            program.startsecs = 0
            program.stopwaitsecs = 1
        }
        let grandchild = try readPid(pidFile)
        let pid = try live.run { supervisor, process, _ in supervisor.eventLoop.makeSucceededFuture(process.pid) }
        let cgroup = own + "/supervisord-test/p"
        let members = (try String(contentsOfFile: cgroup + "/cgroup.procs", encoding: .utf8)).split(separator: "\n")
        XCTAssertTrue(members.contains(Substring(String(pid))), "\(members)")
        XCTAssertTrue(members.contains(Substring(String(grandchild))), "\(members)")
        XCTAssertNotEqual(getsid(grandchild), getsid(pid))

        try Self.move(live, to: .stopped) { $0.stop() }
        XCTAssertFalse(isAlive(grandchild), "stopped only once the grandchild is gone")
        XCTAssertFalse(FileManager.default.fileExists(atPath: cgroup), "the run's cgroup is removed")
        let log = live.mainLog()
        XCTAssertTrue(log.contains("INFO waiting for what is left of 'p' in its cgroup\n"), log)
        XCTAssertTrue(log.contains("DEBG killing everything in the cgroup of 'p'\n"), log)
    }

    func testAProcessWithoutLeftoversStopsAtOnceAndIsStartedAgainInAFreshCgroup() throws {
        let live = try start { program in
            program.command = "sleep 1000"
            program.startsecs = 0
            program.stopwaitsecs = 1
            program.stopsignal = SIGKILL
        }
        try Self.move(live, to: .stopped) { $0.stop() }
        // Nothing was left behind: no waiting, and the new run is alone in its new cgroup.
        try Self.move(live, to: .running) { $0.start() }
        let pid = try live.run { supervisor, process, _ in supervisor.eventLoop.makeSucceededFuture(process.pid) }
        let members = try String(contentsOfFile: own + "/supervisord-test/p/cgroup.procs", encoding: .utf8)
        XCTAssertEqual(members, "\(pid)\n")
        XCTAssertFalse(live.mainLog().contains("waiting for what is left"))
    }

    func testAProcessStartsAfterItsCgroupWasKilled() throws {
        // A cgroup once killed kills what clone3 puts into it: each run has a new one.
        let live = try start { program in
            program.command = "/bin/sh -c 'trap \"\" TERM; while :; do sleep 0.1; done'"
            program.startsecs = 0
            program.stopwaitsecs = 1
        }
        try Self.move(live, to: .stopped) { $0.stop() }
        XCTAssertTrue(live.mainLog().contains("DEBG killing everything in the cgroup of 'p'\n"))
        try Self.move(live, to: .running) { $0.start() }
        let state = try live.run { supervisor, process, _ in
            let bound = NIOLoopBound(process, eventLoop: supervisor.eventLoop)
            return supervisor.eventLoop.scheduleTask(in: .milliseconds(300)) { bound.value.state }.futureResult
        }
        XCTAssertEqual(state, .running, live.mainLog())
    }

    func testLimitsAreWrittenWhereTheirControllersAreAvailableAndOtherwiseSaidOnce() throws {
        let live = try start { program in
            program.command = "sleep 1000"
            program.startsecs = 0
            program.limits.memoryMax = 64 * 1024 * 1024
            program.limits.cpuMax = 0.5
            program.limits.pidsMax = 10
        }
        let offered = Set((try String(contentsOfFile: own + "/cgroup.controllers", encoding: .utf8))
            .split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init))
        let cgroup = own + "/supervisord-test/p"
        var unapplied: [String] = []
        for (key, controller, file, value) in [("memory_max", "memory", "memory.max", "67108864"),
                                              ("cpu_max", "cpu", "cpu.max", "50000 100000"),
                                              ("pids_max", "pids", "pids.max", "10")] {
            if offered.contains(controller) {
                XCTAssertEqual(try String(contentsOfFile: cgroup + "/" + file, encoding: .utf8), value + "\n")
            } else {
                unapplied.append("\(key) (the \(controller) controller is not available in \(own!))")
            }
        }
        let log = live.mainLog()
        if unapplied.isEmpty {
            XCTAssertFalse(log.contains("runs without"), log)
        } else {
            XCTAssertTrue(log.contains("WARN cgroups: 'p' runs without \(unapplied.joined(separator: ", "))\n"), log)
        }
        // Said once, not at every spawn.
        try Self.move(live, to: .stopped) { $0.stop() }
        try Self.move(live, to: .running) { $0.start() }
        XCTAssertEqual(live.mainLog().components(separatedBy: "runs without").count, unapplied.isEmpty ? 1 : 2)
    }

    func testATreeNeedsCgroupKill() throws {
        let plain = NSTemporaryDirectory() + "/not-a-cgroup-\(getpid())"
        XCTAssertEqual(mkdir(plain, 0o755), 0)
        // It looks like a cgroup to the first check, which cgroup.procs passes.
        XCTAssertTrue(FileManager.default.createFile(atPath: plain + "/cgroup.procs", contents: nil))
        defer {
            unlink(plain + "/cgroup.procs")
            rmdir(plain)
        }
        XCTAssertThrowsError(try CgroupTree(below: plain, name: "supervisord-1")) {
            XCTAssertEqual("\($0)", "\(plain) is not a cgroup v2 directory with cgroup.kill (Linux 5.14 or later)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: plain + "/supervisord-1"))
    }

    func testTheTreeFollowsTheDaemonsPidAndIsRemoved() throws {
        let tree = try CgroupTree(below: own, name: "supervisord-0")
        tree.followDaemonPid()
        XCTAssertEqual(tree.path, own + "/supervisord-\(getpid())")
        XCTAssertFalse(FileManager.default.fileExists(atPath: own + "/supervisord-0"))
        XCTAssertEqual(mkdir(tree.processPath("g:p"), 0o755), 0)
        tree.remove()
        XCTAssertFalse(FileManager.default.fileExists(atPath: tree.path))
    }
}
