import SupervisorCommon
import XMLRPC

/// Commands acting on processes: status, pid, start, stop, restart (with `--rolling`, RollingRestart), signal, clear.
enum ProcessCommands {
    static let status = Command(name: "status", help: [
        "status <name>\t\tGet status for a single process",
        "status <gname>:*\tGet status for all processes in a group",
        "status <name> <name>\tGet status for multiple named processes",
        "status\t\t\tGet all process status info",
    ]) { ctl, arg in
        // Unlike other commands, status reports an unreachable server as LSB "unknown".
        guard try ctl.upcheck() else {
            ctl.exitStatus = ExitStatus.statusUnknown
            return
        }
        let all = ProcessStatus.list(try ctl.rpc.call("supervisor.getAllProcessInfo"))
        let names = PythonText.split(arg)
        var matching: [ProcessStatus] = []
        if names.isEmpty || names.contains("all") {
            matching = all
        } else {
            for name in names {
                let (group, process) = Namespec.split(name)
                let found = all.filter { $0.group == group && (process == nil || $0.name == process) }
                if found.isEmpty {
                    ctl.output(process == nil ? "\(group): ERROR (no such group)" : "\(name): ERROR (no such process)")
                    ctl.exitStatus = ExitStatus.statusUnknown
                }
                matching += found
            }
        }
        for line in StatusTable.lines(matching) { ctl.output(line) }
        if matching.contains(where: { ProcessState(rawValue: $0.state)?.isStopped == true }) {
            ctl.exitStatus = ExitStatus.statusNotRunning
        }
    }

    static let pid = Command(name: "pid", help: [
        "pid\t\t\tGet the PID of supervisord.",
        "pid <name>\t\tGet the PID of a single child process by name.",
        "pid all\t\t\tGet the PID of every child process, one per line.",
    ]) { ctl, arg in
        guard try ctl.upcheck() else { return }
        let names = PythonText.split(arg)
        if names.isEmpty {
            ctl.output(try ctl.rpc.call("supervisor.getPID").pythonString)
        } else if names.contains("all") {
            for info in ProcessStatus.list(try ctl.rpc.call("supervisor.getAllProcessInfo")) {
                ctl.output(String(info.pid))
            }
        } else {
            for name in names {
                guard let value = try ctl.call("supervisor.getProcessInfo", [.string(name)], on: [
                    .badName: { _ in ctl.fail("No such process \(name)") },
                ]) else { continue }
                let info = ProcessStatus(value)
                ctl.output(String(info.pid))
                if info.pid == 0 { ctl.exitStatus = ExitStatus.notRunning }
            }
        }
    }

    static let start = Command(name: "start", help: [
        "start <name>\t\tStart a process",
        "start <gname>:*\t\tStart all processes in a group",
        "start <name> <name>\tStart multiple processes or groups",
        "start all\t\tStart all processes",
    ]) { ctl, arg in
        guard try ctl.upcheck() else { return }
        let names = PythonText.split(arg)
        guard !names.isEmpty else {
            ctl.output("Error: start requires a process name")
            ctl.exitStatus = ExitStatus.invalidArgs
            ctl.printHelp("start")
            return
        }
        try forEachTarget(ctl, names, action: .start)
    }

    static let stop = Command(name: "stop", help: [
        "stop <name>\t\tStop a process",
        "stop <gname>:*\t\tStop all processes in a group",
        "stop <name> <name>\tStop multiple processes or groups",
        "stop all\t\tStop all processes",
    ]) { ctl, arg in
        guard try ctl.upcheck() else { return }
        let names = PythonText.split(arg)
        guard !names.isEmpty else {
            ctl.fail("Error: stop requires a process name")
            ctl.printHelp("stop")
            return
        }
        try forEachTarget(ctl, names, action: .stop)
    }

    static let restart = Command(name: "restart", help: [
        "restart <name>\t\tRestart a process",
        "restart <gname>:*\tRestart all processes in a group",
        "restart <name> <name>\tRestart multiple processes or groups",
        "restart all\t\tRestart all processes",
        "Note: restart does not reread config files. For that, see reread and update.",
    ]) { ctl, arg in
        guard try ctl.upcheck() else { return }
        let words = PythonText.split(arg)
        let rolling: RollingRestart?
        do throws(RollingRestart.UsageError) {
            rolling = try RollingRestart.parse(words)
        } catch {
            ctl.fail(error.message)
            for line in RollingRestart.usage { ctl.output(line) }
            return
        }
        if let rolling { return try rolling.run(ctl) }
        guard !words.isEmpty else {
            ctl.fail("Error: restart requires a process name")
            ctl.printHelp("restart")
            return
        }
        try stop.run(ctl, arg)
        try start.run(ctl, arg)
    }

    static let signal = Command(name: "signal", help: [
        "signal <signal name> <name>\t\tSignal a process",
        "signal <signal name> <gname>:*\t\tSignal all processes in a group",
        "signal <signal name> <name> <name>\tSignal multiple processes or groups",
        "signal <signal name> all\t\tSignal all processes",
    ]) { ctl, arg in
        guard try ctl.upcheck() else { return }
        let args = PythonText.split(arg)
        guard args.count >= 2 else {
            ctl.output("Error: signal requires a signal name and a process name")
            ctl.printHelp("signal")
            ctl.exitStatus = ExitStatus.generic
            return
        }
        try forEachTarget(ctl, Array(args.dropFirst()), action: .signal(args[0]))
    }

    static let clear = Command(name: "clear", help: [
        "clear <name>\t\tClear a process' log files.",
        "clear <name> <name>\tClear multiple process' log files",
        "clear all\t\tClear all process' log files",
    ]) { ctl, arg in
        guard try ctl.upcheck() else { return }
        let names = PythonText.split(arg)
        guard !names.isEmpty else {
            ctl.fail("Error: clear requires a process name")
            ctl.printHelp("clear")
            return
        }
        if names.contains("all") {
            for result in ProcessStatus.list(try ctl.rpc.call("supervisor.clearAllProcessLogs")) {
                ctl.output(try clearMessage(result))
                ctl.noteResult(result.status)
            }
            return
        }
        // clear has no group form: `g:*` goes to clearProcessLogs as it is.
        for name in names {
            do {
                _ = try ctl.rpc.call("supervisor.clearProcessLogs", [.string(name)])
                ctl.output("\(ProcessStatus(fault: FaultCode.success.rawValue, string: "", spec: name).namespec): cleared")
            } catch RPCFailure.fault(let code, let string) {
                let result = ProcessStatus(fault: code, string: string, spec: name)
                ctl.output(try clearMessage(result))
                ctl.noteResult(result.status)
            }
        }
    }

    private static func clearMessage(_ result: ProcessStatus) throws -> String {
        switch result.status {
        case FaultCode.badName.rawValue: return "\(result.namespec): ERROR (no such process)"
        case FaultCode.failed.rawValue: return "\(result.namespec): ERROR (failed)"
        case FaultCode.success.rawValue: return "\(result.namespec): cleared"
        default: throw unknownResult(result)
        }
    }

    // MARK: start / stop / signal share the all / group / single-process dispatch.

    enum Action {
        case start, stop
        case signal(String)

        var allMethod: String {
            switch self {
            case .start: "supervisor.startAllProcesses"
            case .stop: "supervisor.stopAllProcesses"
            case .signal: "supervisor.signalAllProcesses"
            }
        }
        var groupMethod: String {
            switch self {
            case .start: "supervisor.startProcessGroup"
            case .stop: "supervisor.stopProcessGroup"
            case .signal: "supervisor.signalProcessGroup"
            }
        }
        var processMethod: String {
            switch self {
            case .start: "supervisor.startProcess"
            case .stop: "supervisor.stopProcess"
            case .signal: "supervisor.signalProcess"
            }
        }
        /// Arguments after the name (the signal), which *All* takes alone.
        var extraParams: [XMLRPCValue] {
            if case let .signal(sig) = self { [.string(sig)] } else { [] }
        }
        /// The result code that does not count as a failure for the exit status.
        var harmless: Int? {
            switch self {
            case .start: FaultCode.alreadyStarted.rawValue
            case .stop: FaultCode.notRunning.rawValue
            case .signal: nil
            }
        }
        /// start reports a missing group as bad arguments; stop and signal as a generic failure.
        var missingGroupStatus: Int32 { if case .start = self { ExitStatus.invalidArgs } else { ExitStatus.generic } }
    }

    private static func forEachTarget(_ ctl: Controller, _ names: [String], action: Action) throws {
        let rpc = ctl.rpc
        func show(_ results: XMLRPCValue) throws {
            for result in ProcessStatus.list(results) {
                ctl.output(try message(result, action))
                ctl.noteResult(result.status, ignoring: action.harmless)
            }
        }
        if names.contains("all") {
            try show(try rpc.call(action.allMethod, action.extraParams))
            return
        }
        for name in names {
            let (group, process) = Namespec.split(name)
            if process == nil {
                do {
                    try show(try rpc.call(action.groupMethod, [.string(group)] + action.extraParams))
                } catch RPCFailure.fault(FaultCode.badName.rawValue, _) {
                    ctl.output("\(group): ERROR (no such group)")
                    ctl.exitStatus = action.missingGroupStatus
                }
                continue
            }
            do {
                _ = try rpc.call(action.processMethod, [.string(name)] + action.extraParams)
                let success = ProcessStatus(fault: FaultCode.success.rawValue, string: "", spec: name)
                ctl.output(try message(success, action))
            } catch RPCFailure.fault(let code, let string) {
                let result = ProcessStatus(fault: code, string: string, spec: name)
                ctl.output(try message(result, action))
                ctl.noteResult(result.status, ignoring: action.harmless)
            }
        }
    }

    static func message(_ result: ProcessStatus, _ action: Action) throws -> String {
        let name = result.namespec
        let error = { (why: String) in "\(name): ERROR (\(why))" }
        switch (action, result.status) {
        case (_, FaultCode.badName.rawValue): return error("no such process")
        case (.start, FaultCode.noFile.rawValue): return error("no such file")
        case (.start, FaultCode.notExecutable.rawValue): return error("file is not executable")
        case (.start, FaultCode.alreadyStarted.rawValue): return error("already started")
        case (.start, FaultCode.spawnError.rawValue): return error("spawn error")
        case (.start, FaultCode.abnormalTermination.rawValue): return error("abnormal termination")
        case (.start, FaultCode.success.rawValue): return "\(name): started"
        case (.stop, FaultCode.success.rawValue): return "\(name): stopped"
        case (.signal, FaultCode.success.rawValue): return "\(name): signalled"
        case (.stop, FaultCode.badSignal.rawValue), (.signal, FaultCode.badSignal.rawValue): return error("bad signal name")
        case (.stop, FaultCode.notRunning.rawValue), (.signal, FaultCode.notRunning.rawValue): return error("not running")
        case (.stop, FaultCode.failed.rawValue), (.signal, FaultCode.failed.rawValue): return result.description
        default: throw unknownResult(result)
        }
    }

    /// The reference's assertion for a result code it does not know.
    private static func unknownResult(_ result: ProcessStatus) -> ControlError {
        ControlError(pythonClass: "ValueError", message: "Unknown result code \(result.status) for \(result.namespec)")
    }
}
