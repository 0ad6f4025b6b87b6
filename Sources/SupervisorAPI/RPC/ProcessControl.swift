import NIOCore
import SupervisorConfig
import SupervisorCore
import XMLRPC

/// start/stop/signal of a process, a group or everything, with the reference's faults
/// and `wait` semantics. Waiting is an observer on the process's state, not a poll.
struct ProcessControl {
    let supervisor: Supervisor
    let lookup: ProcessLookup

    /// A single-process result: done now, or when the process gets where it was sent.
    enum Outcome {
        case done
        case pending(EventLoopFuture<Void>)
    }

    func methods(guardRunning: @escaping () throws -> Void) -> [RPCMethod] {
        [
            RPCMethod("startProcess", ["boolean", "string", "boolean"], optional: 1, help: "Start a process (name, group:name or group:*), waiting for RUNNING unless wait is false.") { params in
                try guardRunning()
                return try single(params.string(0), wait: params.flag(1, default: true), process: start, group: startGroup)
            },
            RPCMethod("startProcessGroup", ["array", "string", "boolean"], optional: 1, help: "Start all processes in the group named name.") { params in
                try guardRunning()
                return try startGroup(params.string(0), wait: params.flag(1, default: true))
            },
            RPCMethod("startAllProcesses", ["array", "boolean"], optional: 1, help: "Start all processes listed in the configuration file.") { params in
                try guardRunning()
                return all(lookup.byPriority, where: { !$0.state.isRunning }, wait: params.flag(0, default: true), start)
            },
            RPCMethod("stopProcess", ["boolean", "string", "boolean"], optional: 1, help: "Stop a process (name, group:name or group:*), waiting until it stopped unless wait is false.") { params in
                try guardRunning()
                return try single(params.string(0), wait: params.flag(1, default: true), process: stop, group: stopGroup)
            },
            RPCMethod("stopProcessGroup", ["array", "string", "boolean"], optional: 1, help: "Stop all processes in the process group named name.") { params in
                try guardRunning()
                return try stopGroup(params.string(0), wait: params.flag(1, default: true))
            },
            RPCMethod("stopAllProcesses", ["array", "boolean"], optional: 1, help: "Stop all processes in the process list.") { params in
                try guardRunning()
                return all(lookup.byPriority, where: { $0.state.isRunning }, wait: params.flag(0, default: true), stop)
            },
            RPCMethod("signalProcess", ["boolean", "string", "string"], help: "Send an arbitrary UNIX signal to the process named name.") { params in
                try guardRunning()
                let spec = try params.string(0)
                let signal = try signalText(params, 1)
                let (group, process) = try lookup.resolve(spec)
                guard let process else { return signalAll(group.processesByPriority, signal: signal) }
                try send(signal, to: process, spec: spec)
                return .value(.bool(true))
            },
            RPCMethod("signalProcessGroup", ["array", "string", "string"], help: "Send a signal to all processes in the group named name.") { params in
                try guardRunning()
                let name = try params.string(0)
                guard let group = supervisor.groups[name] else { throw RPCFault(.badName, name) }
                return signalAll(group.processesByPriority, signal: try signalText(params, 1))
            },
            RPCMethod("signalAllProcesses", ["array", "string"], help: "Send a signal to all processes in the process list.") { params in
                try guardRunning()
                return signalAll(lookup.byPriority, signal: try signalText(params, 0))
            },
        ]
    }

    // MARK: - One process

    private func single(_ spec: String, wait: Bool,
                        process action: (Subprocess, String, Bool) throws -> Outcome,
                        group groupAction: (String, Bool) throws -> RPCResult) throws -> RPCResult {
        let (group, process) = try lookup.resolve(spec)
        guard let process else { return try groupAction(group.name, wait) }
        switch try action(process, spec, wait) {
        case .done: return .value(.bool(true))
        case .pending(let future): return .deferred(future.map { .bool(true) })
        }
    }

    private func start(_ process: Subprocess, spec: String, wait: Bool) throws -> Outcome {
        switch process.checkCommand() {
        case .notFound(let message): throw RPCFault(.noFile, message)
        case .notExecutable(let message): throw RPCFault(.notExecutable, message)
        case nil: break
        }
        if process.state.isRunning { throw RPCFault(.alreadyStarted, spec) }
        if process.state == .unknown { throw RPCFault(.failed, "\(spec) is in an unknown process state") }
        process.spawn()
        if process.spawnError != nil { throw RPCFault(.spawnError, spec) }
        guard wait, process.state != .running else { return .done }
        return .pending(until(process) { process in
            if process.spawnError != nil { throw RPCFault(.spawnError, spec) }
            switch process.state {
            case .running: return true
            case .starting: return false
            default: throw RPCFault(.abnormalTermination, spec)
            }
        })
    }

    private func stop(_ process: Subprocess, spec: String, wait: Bool) throws -> Outcome {
        guard process.state.isRunning else { throw RPCFault(.notRunning, spec) }
        if let message = process.stop() { throw RPCFault(.failed, message) }
        guard wait, !process.state.isStopped else { return .done }
        return .pending(until(process) { $0.state.isStopped })
    }

    /// A future that completes when `check` says so on a state change (or fails with its fault).
    private func until(_ process: Subprocess, _ check: @escaping (Subprocess) throws -> Bool) -> EventLoopFuture<Void> {
        let promise = supervisor.eventLoop.makePromise(of: Void.self)
        var token = 0
        token = process.addStateObserver { process in
            do {
                guard try check(process) else { return }
                promise.succeed(())
            } catch {
                promise.fail(error)
            }
            process.removeStateObserver(token)
        }
        return promise.futureResult
    }

    // MARK: - Groups and all

    private func startGroup(_ name: String, wait: Bool) throws -> RPCResult {
        guard let group = supervisor.groups[name] else { throw RPCFault(.badName, name) }
        return all(group.processesByPriority, where: { !$0.state.isRunning }, wait: wait, start)
    }

    private func stopGroup(_ name: String, wait: Bool) throws -> RPCResult {
        guard let group = supervisor.groups[name] else { throw RPCFault(.badName, name) }
        return all(group.processesByPriority, where: { $0.state.isRunning }, wait: wait, stop)
    }

    /// Applies `action` to each matching process; the result lists each one's outcome,
    /// immediate ones first, then the waited-for ones, each group in process order.
    private func all(_ processes: [Subprocess], where predicate: (Subprocess) -> Bool, wait: Bool,
                     _ action: (Subprocess, String, Bool) throws -> Outcome) -> RPCResult {
        var results: [XMLRPCValue] = []
        var pending: [(Subprocess, EventLoopFuture<Void>)] = []
        for process in processes where predicate(process) {
            do {
                switch try action(process, ProcessLookup.namespec(process), wait) {
                case .done: results.append(StatusEntry.of(process))
                case .pending(let future): pending.append((process, future))
                }
            } catch let fault as RPCFault {
                results.append(StatusEntry.of(process, fault))
            } catch {
                results.append(StatusEntry.of(process, RPCFault(.failed, "\(error)")))
            }
        }
        guard !pending.isEmpty else { return .value(.array(results)) }
        let finished = pending.map { process, future in
            future.map { StatusEntry.of(process) }
                .flatMapErrorThrowing { StatusEntry.of(process, ($0 as? RPCFault) ?? RPCFault(.failed, "\($0)")) }
        }
        return .deferred(EventLoopFuture.whenAllSucceed(finished, on: supervisor.eventLoop).map { .array(results + $0) })
    }

    // MARK: - Signals

    private func signalText(_ params: RPCParameters, _ index: Int) throws -> String {
        guard index < params.values.count else { throw RPCFault(.incorrectParameters) }
        if case .int(let number) = params.values[index] { return "\(number)" }
        return try params.string(index)
    }

    private func send(_ signalText: String, to process: Subprocess, spec: String) throws {
        let number: Int32
        do {
            number = try Signals.number(signalText)
        } catch {
            throw RPCFault(.badSignal, signalText)
        }
        guard process.state.isSignallable else { throw RPCFault(.notRunning, spec) }
        if let message = process.signal(number) { throw RPCFault(.failed, message) }
    }

    private func signalAll(_ processes: [Subprocess], signal: String) -> RPCResult {
        .value(.array(processes.filter { $0.state.isSignallable }.map { process in
            do {
                try send(signal, to: process, spec: ProcessLookup.namespec(process))
                return StatusEntry.of(process)
            } catch {
                return StatusEntry.of(process, (error as? RPCFault) ?? RPCFault(.failed, "\(error)"))
            }
        }))
    }
}
