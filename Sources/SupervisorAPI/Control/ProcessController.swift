import SupervisorCommon
import Glibc
import NIOCore
import SupervisorConfig
import SupervisorCore

/// Process control with typed operations and errors, in no protocol's terms: XML-RPC,
/// the web page (and later the JSON API) are thin adapters over it. Runs on the
/// supervisor's event loop. Waiting is an observer on the process's state, not a poll.
struct ProcessController {
    let supervisor: Supervisor

    var lookup: ProcessLookup { ProcessLookup(supervisor: supervisor) }

    /// Every request is refused once a shutdown or restart is under way, as the reference's are.
    func ensureRunning() throws(ControlError) {
        supervisor.eventLoop.preconditionInEventLoop()
        if supervisor.state != .running { throw .shuttingDown }
    }

    // MARK: - One process

    /// Starts a process; with `wait`, arrives when it is RUNNING (or fails as the start did).
    func start(_ process: Subprocess, spec: String, wait: Bool) throws(ControlError) -> Arrival {
        try ensureRunning()
        switch process.checkCommand() {
        case .notFound(let message): throw .noFile(message)
        case .notExecutable(let message): throw .notExecutable(message)
        case nil: break
        }
        if process.countsAsRunning { throw .alreadyStarted(spec) }
        if process.state == .unknown { throw .failed("\(spec) is in an unknown process state") }
        process.start()
        if process.spawnError != nil { throw .spawnError(spec) }
        guard wait, process.state != .running else { return .now }
        return .later(waitUntil(process) { process throws(ControlError) in
            if process.spawnError != nil { throw .spawnError(spec) }
            switch process.state {
            case .running: return true
            case .starting: return false
            default: throw .abnormalTermination(spec)
            }
        })
    }

    /// Stops a process; with `wait`, arrives when it is in a stopped state.
    func stop(_ process: Subprocess, spec: String, wait: Bool) throws(ControlError) -> Arrival {
        try ensureRunning()
        if process.isRestartPending {
            // Between the exits of a crash loop: the restart it waited for is called off.
            process.stop()
            return .now
        }
        guard process.state.isRunning else { throw .notRunning(spec) }
        if let message = process.stop() { throw .failed(message) }
        guard wait, !process.state.isStopped else { return .now }
        return .later(waitUntil(process) { $0.state.isStopped })
    }

    /// Starts what `spec` names and arrives when it is done: one process (whose error
    /// fails the future) or every process of a group (`group:*`; their errors stay theirs,
    /// as in the list startProcess answers for a group).
    func start(_ spec: String) throws(ControlError) -> EventLoopFuture<Void> {
        try apply(spec, process: start, group: startAll)
    }

    /// Stops what `spec` names and arrives when it is done, like `start(_:)`.
    func stop(_ spec: String) throws(ControlError) -> EventLoopFuture<Void> {
        try apply(spec, process: stop, group: stopAll)
    }

    /// Stops what `spec` names (if running) and starts it again, waiting for each; fails
    /// as the start does.
    func restart(_ spec: String) -> EventLoopFuture<Void> {
        let loop = supervisor.eventLoop
        let stopped = (try? stop(spec))?.recover { _ in } ?? loop.makeSucceededVoidFuture()
        return stopped.assumeIsolated().flatMap {
            // A stop arrives at the state change, before its `stopped:` line is logged:
            // starting on the loop's next turn keeps the main log in order.
            loop.assumeIsolated().submit {}
        }.flatMap { () -> EventLoopFuture<Void> in
            do {
                return try start(spec)
            } catch {
                return loop.makeFailedFuture(error)
            }
        }.nonisolated()
    }

    private func apply(_ spec: String, process action: (Subprocess, String, Bool) throws(ControlError) -> Arrival,
                       group batch: ([Subprocess], Bool) -> BatchOutcome) throws(ControlError) -> EventLoopFuture<Void> {
        try ensureRunning()
        let loop = supervisor.eventLoop
        let (group, process) = try lookup.resolve(spec)
        guard let process else { return batch(group.processesByPriority, true).done(on: loop) }
        return try action(process, spec, true).future(on: loop)
    }

    /// Sends a signal (a name such as `HUP`/`SIGHUP`, or a number) without the intent to stop.
    func signal(_ process: Subprocess, spec: String, signal text: String) throws(ControlError) {
        try ensureRunning()
        let number: Int32
        do {
            number = try Signals.number(text)
        } catch {
            throw .badSignal(text)
        }
        guard process.state.isSignallable else { throw .notRunning(spec) }
        if let message = process.signal(number) { throw .failed(message) }
    }

    /// Arrives at the state change where `arrived` says so, or fails with what it throws.
    func waitUntil(_ process: Subprocess, _ arrived: @escaping (Subprocess) throws(ControlError) -> Bool) -> EventLoopFuture<Void> {
        let promise = supervisor.eventLoop.makePromise(of: Void.self)
        whenArrived(process, arrived) { error in
            if let error { promise.fail(error) } else { promise.succeed() }
        }
        return promise.futureResult
    }

    /// Calls `finished` once, at the state change where `arrived` says so (nil) or throws.
    private func whenArrived(_ process: Subprocess, _ arrived: @escaping (Subprocess) throws(ControlError) -> Bool,
                             _ finished: @escaping (ControlError?) -> Void) {
        var token = 0
        token = process.addStateObserver { process in
            let outcome: ControlError?
            do throws(ControlError) {
                guard try arrived(process) else { return }
                outcome = nil
            } catch {
                outcome = error
            }
            process.removeStateObserver(token)
            finished(outcome)
        }
    }

    // MARK: - Several processes

    /// Starts each of `processes` that is not running (a group: its processes by priority).
    func startAll(_ processes: [Subprocess], wait: Bool) -> BatchOutcome {
        batch(processes.filter { !$0.countsAsRunning }, wait: wait, start)
    }

    /// Stops each of `processes` that is running. Dependents (`depends_on`) are stopped
    /// before what they depend on: each stage once the one before has stopped (in the
    /// background when the caller does not wait). Without dependencies, all at once.
    func stopAll(_ processes: [Subprocess], wait: Bool) -> BatchOutcome {
        let stages = supervisor.stopStages(processes.filter(\.countsAsRunning))
        guard stages.count > 1 else { return batch(stages.first ?? [], wait: wait, stop) }
        let loop = supervisor.eventLoop
        let all = loop.makePromise(of: [ProcessOutcome].self)
        func stopStage(_ index: Int, after earlier: [ProcessOutcome]) {
            guard index < stages.count else { return all.assumeIsolated().succeed(earlier) }
            switch batch(stages[index].filter(\.countsAsRunning), wait: true, self.stop) {
            case .now(let outcomes): stopStage(index + 1, after: earlier + outcomes)
            case .later(let outcomes):
                // On the loop's next turn: the exit that completed the stage finishes
                // first (its `stopped:` line before the next stage's signals).
                outcomes.assumeIsolated().whenSuccess { stopped in
                    loop.assumeIsolated().execute { stopStage(index + 1, after: earlier + stopped) }
                }
            }
        }
        stopStage(0, after: [])
        guard wait else { return .now(stages.joined().map { ProcessOutcome(process: $0, error: nil) }) }
        return .later(all.futureResult)
    }

    /// Stops each of `processes` that runs and then, once they stopped, starts them all, as
    /// supervisorctl's `restart` of several does. Waiting, the outcomes are the starts', a
    /// failed stop's in place of its process's start; not waiting, every process is
    /// SUCCESS (the restart goes on in the background).
    func restartAll(_ processes: [Subprocess], wait: Bool) -> BatchOutcome {
        let loop = supervisor.eventLoop
        let restarted = loop.makePromise(of: [ProcessOutcome].self)
        stopAll(processes, wait: true).outcomes(on: loop).assumeIsolated().whenSuccess { stops in
            // On the loop's next turn: the stops arrive at their state change, and the exit
            // that completed them must finish before the process is started again.
            loop.assumeIsolated().execute { startAfterStop(processes, stops, into: restarted) }
        }
        guard wait else { return .now(processes.map { ProcessOutcome(process: $0, error: nil) }) }
        return .later(restarted.futureResult)
    }

    /// restartAll's second half: starts what stopped; a failed stop keeps its outcome.
    private func startAfterStop(_ processes: [Subprocess], _ stops: [ProcessOutcome],
                                into restarted: EventLoopPromise<[ProcessOutcome]>) {
        let failedStops = stops.filter { $0.error != nil }
        let notStopped = Set(failedStops.map { ObjectIdentifier($0.process) })
        let starting = processes.filter { !notStopped.contains(ObjectIdentifier($0)) }
        do throws(ControlError) {
            try ensureRunning()
            startAll(starting, wait: true).outcomes(on: supervisor.eventLoop).assumeIsolated().whenSuccess { started in
                restarted.assumeIsolated().succeed(failedStops + started)
            }
        } catch {
            restarted.assumeIsolated().succeed(failedStops + starting.map { ProcessOutcome(process: $0, error: error) })
        }
    }

    func signalAll(_ processes: [Subprocess], signal text: String) -> [ProcessOutcome] {
        processes.filter { $0.state.isSignallable }.map { process in
            do throws(ControlError) {
                try signal(process, spec: ProcessLookup.namespec(process), signal: text)
                return ProcessOutcome(process: process, error: nil)
            } catch {
                return ProcessOutcome(process: process, error: error)
            }
        }
    }

    private func batch(_ processes: [Subprocess], wait: Bool,
                       _ action: (Subprocess, String, Bool) throws(ControlError) -> Arrival) -> BatchOutcome {
        var now: [ProcessOutcome] = []
        let waited = WaitedOutcomes()
        for process in processes {
            do throws(ControlError) {
                switch try action(process, ProcessLookup.namespec(process), wait) {
                case .now:
                    now.append(ProcessOutcome(process: process, error: nil))
                case .later(let arrival):
                    let index = waited.expectOne()
                    arrival.assumeIsolated().whenComplete { result in
                        waited.record(ProcessOutcome(process: process, result: result), at: index)
                    }
                }
            } catch {
                now.append(ProcessOutcome(process: process, error: error))
            }
        }
        guard waited.count > 0 else { return .now(now) }
        let promise = supervisor.eventLoop.makePromise(of: [ProcessOutcome].self)
        waited.whenComplete { promise.assumeIsolated().succeed(now + $0) }
        return .later(promise.futureResult)
    }

    // MARK: - Stdin and logs

    /// Queues bytes for a process's stdin.
    func sendStdin(_ spec: String, _ bytes: [UInt8]) throws(ControlError) {
        try ensureRunning()
        let process = try lookup.process(spec)
        if process.pid == 0 || process.isStopping { throw .notRunning(spec) }
        do {
            try process.writeStdin(bytes)
        } catch {
            throw .noFile(spec)
        }
    }

    /// Empties a process's stdout and stderr logs (and their backups).
    func clearLogs(_ spec: String) throws(ControlError) {
        try ensureRunning()
        try lookup.process(spec).logs.clear()
    }

    func clearAllLogs() throws(ControlError) -> [ProcessOutcome] {
        try ensureRunning()
        return lookup.byPriority.map { process in
            process.logs.clear()
            return ProcessOutcome(process: process, error: nil)
        }
    }

    // MARK: - Groups and the daemon

    /// Adds a group from the configuration last read and starts its autostart processes.
    func addGroup(_ name: String) throws(ControlError) {
        try ensureRunning()
        guard let groupConfig = supervisor.config.groups.first(where: { $0.name == name }) else { throw .badName(name) }
        guard supervisor.addGroupAndAutostart(groupConfig) else { throw .alreadyAdded(name) }
    }

    /// Removes a group whose processes are all stopped.
    func removeGroup(_ name: String) throws(ControlError) {
        try ensureRunning()
        _ = try lookup.group(name)
        guard supervisor.removeGroup(named: name) else { throw .stillRunning(name) }
    }

    /// Reads the configuration again; returns the group names added, changed and removed.
    func rereadConfig() throws(ControlError) -> (added: [String], changed: [String], removed: [String]) {
        try ensureRunning()
        guard let reader = supervisor.configReader else { throw .cantReread("no configuration file") }
        let fresh: Configuration
        do {
            fresh = try reader()
        } catch {
            throw .cantReread("\(error)")
        }
        let difference = supervisor.difference(to: fresh)
        supervisor.replaceConfig(fresh)
        return difference
    }

    func shutdown() throws(ControlError) {
        try ensureRunning()
        supervisor.requestStop(.shutdown)
    }

    func restartDaemon() throws(ControlError) {
        try ensureRunning()
        supervisor.requestStop(.restarting)
    }
}
