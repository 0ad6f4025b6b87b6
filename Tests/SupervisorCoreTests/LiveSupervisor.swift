import Foundation
import Glibc
import NIOCore
import NIOPosix
import SupervisorConfig
import XCTest

@testable import SupervisorCore

/// A supervisor on a real one-thread event loop, with real children (reaped as the daemon
/// reaps them), real sockets and a main log file at debug level: one program `p`, not
/// started; with `cgroupsBelow`, its processes run in cgroups in a tree below that cgroup
/// directory. Everything touching the supervisor runs on the loop through `run`.
final class LiveSupervisor: Sendable {
    struct TimedOut: Error {}

    let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    let loop: EventLoop
    let directory: String
    var logPath: String { directory + "/main.log" }
    private let state: NIOLoopBound<(supervisor: Supervisor, spawner: ReapingSpawner)>
    /// Fail the promises made by `promise(of:)` (a test that failed may leave them pending).
    private let teardown: NIOLoopBound<Box<[() -> Void]>>

    init(cgroupsBelow: String? = nil, _ configure: (inout ProcessConfig) -> Void = { _ in }) throws {
        loop = group.next()
        var template = Array((NSTemporaryDirectory() + "/live-supervisor-XXXXXX").utf8CString)
        directory = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)!) }
        var program = ProcessConfig(name: "p", command: "/bin/true")
        program.autostart = false
        program.stdout.logfile = .none
        program.stderr.logfile = .none
        configure(&program)
        var config = Configuration(path: directory + "/supervisord.conf")
        config.groups = [GroupConfig(name: "p", priority: 999, processes: [program])]
        let (loop, logPath, configuration) = (loop, directory + "/main.log", config)
        state = try loop.submit {
            let spawner = ReapingSpawner(loop: loop)
            let log = MainLog(level: .debug, file: RotatingLogFile(path: logPath, maxBytes: 0, backups: 0), echoToStdout: false)
            let cgroups = try cgroupsBelow.map { try CgroupTree(below: $0, name: "supervisord-test") }
            let supervisor = Supervisor(config: configuration, eventLoop: loop, log: log, spawner: spawner, cgroups: cgroups)
            spawner.reap = NIOLoopBound({ [unowned supervisor] in supervisor.reap() }, eventLoop: loop)
            supervisor.start()
            return NIOLoopBound((supervisor, spawner), eventLoop: loop)
        }.wait()
        teardown = try loop.submit { NIOLoopBound(Box([]), eventLoop: loop) }.wait()
    }

    /// Ends it: fails the promises still pending, stops reading pipes, removes the notify
    /// directory and the cgroups, stops the loop and removes the files. Call from the
    /// test, not the loop.
    func shutdown() throws {
        try loop.submit { [state, teardown] in
            for fail in teardown.value.value { fail() }
            state.value.supervisor.outputPipes.close()
            state.value.supervisor.notifySockets.remove()
            state.value.supervisor.cgroupWatcher.stop()
            state.value.supervisor.cgroups?.remove()
        }.wait()
        try group.syncShutdownGracefully()
        try FileManager.default.removeItem(atPath: directory)
    }

    /// Runs `body` on the loop with the supervisor, its process `p` and the spawner, and
    /// waits (at most 20 s) for the future it returns.
    func run<Value: Sendable>(
        _ body: @escaping @Sendable (Supervisor, Subprocess, ReapingSpawner) throws -> EventLoopFuture<Value>
    ) throws -> Value {
        let state = state
        return try loop.flatSubmit {
            let (supervisor, spawner) = state.value
            let promise = self.promise(of: Value.self)
            // A bound on the wait: a test that would hang fails instead.
            supervisor.eventLoop.scheduleTask(in: .seconds(20)) { promise.fail(TimedOut()) }
            do {
                promise.completeWith(try body(supervisor, supervisor.groups["p"]!.processes[0], spawner))
            } catch {
                promise.fail(error)
            }
            return promise.futureResult
        }.wait()
    }

    /// A promise on the loop (call it there), failed at the end if still pending.
    func promise<Value: Sendable>(of type: Value.Type) -> EventLoopPromise<Value> {
        let promise = loop.makePromise(of: type)
        teardown.value.value.append { promise.fail(TimedOut()) }
        return promise
    }

    /// One attempt of `spec` for `p`: its result.
    func probe(_ spec: ProbeSpec, timeout: TimeAmount = .seconds(5)) throws -> ProbeResult {
        try run { supervisor, process, _ in
            let promise = self.promise(of: ProbeResult.self)
            _ = ProbeRunner(supervisor: supervisor).run(spec, for: process, timeout: timeout) { promise.succeed($0) }
            return promise.futureResult
        }
    }

    /// The main log so far.
    func mainLog() -> String {
        (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
    }
}
