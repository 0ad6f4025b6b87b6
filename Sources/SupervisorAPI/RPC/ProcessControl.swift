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
        /// Asked at each state change: arrived (true), not yet (false), or never (throws the fault).
        case pending(arrived: (Subprocess) throws -> Bool)
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
        case .done:
            return .value(.bool(true))
        case .pending(let arrived):
            let promise = supervisor.eventLoop.makePromise(of: XMLRPCValue.self)
            whenArrived(process, arrived) { fault in
                if let fault { promise.fail(fault) } else { promise.succeed(.bool(true)) }
            }
            return .deferred(promise.futureResult)
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
        process.start()
        if process.spawnError != nil { throw RPCFault(.spawnError, spec) }
        guard wait, process.state != .running else { return .done }
        return .pending(arrived: { process in
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
        return .pending(arrived: { $0.state.isStopped })
    }

    /// Calls `finished` once, at the state change where `arrived` says so (nil) or throws (the fault).
    private func whenArrived(_ process: Subprocess, _ arrived: @escaping (Subprocess) throws -> Bool,
                             _ finished: @escaping (RPCFault?) -> Void) {
        var token = 0
        token = process.addStateObserver { process in
            let fault: RPCFault?
            do {
                guard try arrived(process) else { return }
                fault = nil
            } catch {
                fault = RPCFault(error)
            }
            process.removeStateObserver(token)
            finished(fault)
        }
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
        // One promise for the lot (a future per process cost more than stopping it).
        let waited = WaitedResults()
        for process in processes where predicate(process) {
            do {
                switch try action(process, ProcessLookup.namespec(process), wait) {
                case .done:
                    results.append(StatusEntry.of(process))
                case .pending(let arrived):
                    let index = waited.expectOne()
                    whenArrived(process, arrived) { fault in
                        waited.record(fault.map { StatusEntry.of(process, $0) } ?? StatusEntry.of(process), at: index)
                    }
                }
            } catch {
                results.append(StatusEntry.of(process, RPCFault(error)))
            }
        }
        guard waited.count > 0 else { return .value(.array(results)) }
        let promise = supervisor.eventLoop.makePromise(of: XMLRPCValue.self)
        waited.whenComplete { promise.succeed(.array(results + $0)) }
        return .deferred(promise.futureResult)
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
                return StatusEntry.of(process, RPCFault(error))
            }
        }))
    }
}

/// The entries of a batch's waited-for processes, in process order, as they arrive.
private final class WaitedResults {
    private var entries: [XMLRPCValue?] = []
    private var missing = 0
    private var completion: (([XMLRPCValue]) -> Void)?

    var count: Int { entries.count }

    /// Reserves the next entry; returns its index for `record`.
    func expectOne() -> Int {
        entries.append(nil)
        missing += 1
        return entries.count - 1
    }

    func record(_ entry: XMLRPCValue, at index: Int) {
        entries[index] = entry
        missing -= 1
        completeIfDone()
    }

    /// Calls `completion` once every reserved entry is recorded (at once if they are).
    func whenComplete(_ completion: @escaping ([XMLRPCValue]) -> Void) {
        self.completion = completion
        completeIfDone()
    }

    private func completeIfDone() {
        guard missing == 0, let completion else { return }
        self.completion = nil
        completion(entries.map { $0! })
    }
}
