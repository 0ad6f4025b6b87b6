import NIOCore
import SupervisorConfig
import SupervisorCore
import XMLRPC

/// The start/stop/signal methods: XML-RPC parameters in, the controller's outcomes out
/// as the reference's values and faults.
struct ProcessControl {
    let controller: ProcessController

    private var lookup: ProcessLookup { controller.lookup }

    func methods() -> [RPCMethod] {
        [
            RPCMethod("startProcess", ["boolean", "string", "boolean"], optional: 1, help: "Start a process (name, group:name or group:*), waiting for RUNNING unless wait is false.") { params in
                try controller.ensureRunning()
                return try single(params.string(0), wait: params.flag(1, default: true), process: controller.start, group: startGroup)
            },
            RPCMethod("startProcessGroup", ["array", "string", "boolean"], optional: 1, help: "Start all processes in the group named name.") { params in
                try controller.ensureRunning()
                return try startGroup(params.string(0), wait: params.flag(1, default: true))
            },
            RPCMethod("startAllProcesses", ["array", "boolean"], optional: 1, help: "Start all processes listed in the configuration file.") { params in
                try controller.ensureRunning()
                return result(controller.startAll(lookup.byPriority, wait: params.flag(0, default: true)))
            },
            RPCMethod("stopProcess", ["boolean", "string", "boolean"], optional: 1, help: "Stop a process (name, group:name or group:*), waiting until it stopped unless wait is false.") { params in
                try controller.ensureRunning()
                return try single(params.string(0), wait: params.flag(1, default: true), process: controller.stop, group: stopGroup)
            },
            RPCMethod("stopProcessGroup", ["array", "string", "boolean"], optional: 1, help: "Stop all processes in the process group named name.") { params in
                try controller.ensureRunning()
                return try stopGroup(params.string(0), wait: params.flag(1, default: true))
            },
            RPCMethod("stopAllProcesses", ["array", "boolean"], optional: 1, help: "Stop all processes in the process list.") { params in
                try controller.ensureRunning()
                return result(controller.stopAll(lookup.byPriority, wait: params.flag(0, default: true)))
            },
            RPCMethod("rollingRestartGroup", ["array", "string", "int"], optional: 1, extension: true,
                      help: "Restart the processes of the group named name, batch at a time (default 1) in process order, each batch once the one before is RUNNING; stops at the first process that does not come back.") { params in
                try controller.ensureRunning()
                let group = try lookup.group(params.string(0))
                let batchSize = params.values.count > 1 ? try params.int(1) : 1
                return result(.later(try controller.rollingRestart(group, batchSize: batchSize)))
            },
            RPCMethod("signalProcess", ["boolean", "string", "string"], help: "Send an arbitrary UNIX signal to the process named name.") { params in
                try controller.ensureRunning()
                let spec = try params.string(0)
                let signal = try signalText(params, 1)
                let (group, process) = try lookup.resolve(spec)
                guard let process else { return .value(StatusEntry.list(controller.signalAll(group.processesByPriority, signal: signal))) }
                try controller.signal(process, spec: spec, signal: signal)
                return .value(.bool(true))
            },
            RPCMethod("signalProcessGroup", ["array", "string", "string"], help: "Send a signal to all processes in the group named name.") { params in
                try controller.ensureRunning()
                let group = try lookup.group(params.string(0))
                return .value(StatusEntry.list(controller.signalAll(group.processesByPriority, signal: try signalText(params, 1))))
            },
            RPCMethod("signalAllProcesses", ["array", "string"], help: "Send a signal to all processes in the process list.") { params in
                try controller.ensureRunning()
                return .value(StatusEntry.list(controller.signalAll(lookup.byPriority, signal: try signalText(params, 0))))
            },
        ]
    }

    /// A spec naming one process gets `true` (now or on arrival); one naming a group gets the group's list.
    private func single(_ spec: String, wait: Bool,
                        process action: (Subprocess, String, Bool) throws(ControlError) -> Arrival,
                        group groupAction: (String, Bool) throws -> RPCResult) throws -> RPCResult {
        let (group, process) = try lookup.resolve(spec)
        guard let process else { return try groupAction(group.name, wait) }
        switch try action(process, spec, wait) {
        case .now: return .value(.bool(true))
        case .later(let arrival): return .deferred(arrival.map { .bool(true) })
        }
    }

    private func startGroup(_ name: String, wait: Bool) throws -> RPCResult {
        result(controller.startAll(try lookup.group(name).processesByPriority, wait: wait))
    }

    private func stopGroup(_ name: String, wait: Bool) throws -> RPCResult {
        result(controller.stopAll(try lookup.group(name).processesByPriority, wait: wait))
    }

    private func result(_ batch: BatchOutcome) -> RPCResult {
        switch batch {
        case .now(let outcomes): .value(StatusEntry.list(outcomes))
        case .later(let outcomes): .deferred(outcomes.map(StatusEntry.list))
        }
    }

    private func signalText(_ params: RPCParameters, _ index: Int) throws -> String {
        guard index < params.values.count else { throw RPCFault(.incorrectParameters) }
        if case .int(let number) = params.values[index] { return "\(number)" }
        return try params.string(index)
    }
}
