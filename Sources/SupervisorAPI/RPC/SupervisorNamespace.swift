import Glibc
import NIOCore
import SupervisorCommon
import SupervisorConfig
import SupervisorCore
import XMLRPC

/// The `supervisor.*` methods. Runs on the supervisor's event loop only.
final class SupervisorNamespace {
    let supervisor: Supervisor
    let controller: ProcessController
    let lookup: ProcessLookup

    init(supervisor: Supervisor) {
        self.supervisor = supervisor
        controller = ProcessController(supervisor: supervisor)
        lookup = controller.lookup
    }

    /// Every method refuses once a shutdown or restart is under way, as the reference's do.
    private func running() throws {
        try controller.ensureRunning()
    }

    var methods: [RPCMethod] {
        var list: [RPCMethod] = [
            RPCMethod("getAPIVersion", ["string"], help: "Return the version of the RPC API used by supervisord.") { [unowned self] _ in
                try running()
                return .value(.string(SupervisorVersion.api))
            },
            RPCMethod("getSupervisorVersion", ["string"], help: "Return the version of the supervisor package in use by supervisord.") { [unowned self] _ in
                try running()
                return .value(.string(SupervisorVersion.package))
            },
            RPCMethod("getIdentification", ["string"], help: "Return the identifying string of supervisord.") { [unowned self] _ in
                try running()
                return .value(.string(supervisor.config.daemon.identifier))
            },
            RPCMethod("getState", ["struct"], help: "Return the current state of supervisord as a struct {statecode, statename}.") { [unowned self] _ in
                try running()
                return .value(.struct([("statecode", .int(supervisor.state.rawValue)), ("statename", .string(supervisor.state.name))]))
            },
            RPCMethod("getPID", ["int"], help: "Return the PID of supervisord.") { [unowned self] _ in
                try running()
                return .value(.int(Int(getpid())))
            },
            RPCMethod("readLog", ["string", "int", "int"], help: "Read length bytes from the main log starting at offset.") { [unowned self] params in
                try running()
                return .value(try readMainLog(offset: params.int(0), length: params.int(1)))
            },
            RPCMethod("clearLog", ["boolean"], help: "Clear the main log.") { [unowned self] _ in
                try running()
                guard let path = supervisor.log.path, access(path, F_OK) == 0 else { throw RPCFault(.noFile) }
                supervisor.log.clear()
                supervisor.log.info("reopening log file")
                return .value(.bool(true))
            },
            RPCMethod("shutdown", ["boolean"], help: "Shut down the supervisor process.") { [unowned self] _ in
                try controller.shutdown()
                return .value(.bool(true))
            },
            RPCMethod("restart", ["boolean"], help: "Restart the supervisor process.") { [unowned self] _ in
                try controller.restartDaemon()
                return .value(.bool(true))
            },
            RPCMethod("reloadConfig", ["array"], help: "Reload the configuration; returns [[added, changed, removed]] group names.") { [unowned self] _ in
                try running()
                return .value(try reloadConfig())
            },
            RPCMethod("addProcessGroup", ["boolean", "string"], help: "Update the config for a running process from the config file.") { [unowned self] params in
                try running()
                try controller.addGroup(params.string(0))
                return .value(.bool(true))
            },
            RPCMethod("removeProcessGroup", ["boolean", "string"], help: "Remove a stopped process group from the active configuration.") { [unowned self] params in
                try running()
                try controller.removeGroup(params.string(0))
                return .value(.bool(true))
            },
            RPCMethod("getAllConfigInfo", ["array"], help: "Get info about all available process configurations.") { [unowned self] _ in
                try running()
                return .value(ConfigInfo.all(supervisor))
            },
            RPCMethod("getProcessInfo", ["struct", "string"], help: "Get info about a process named name.") { [unowned self] params in
                try running()
                return .value(ProcessInfoEncoding.describe(try lookup.process(params.string(0)), now: WallClock.now()))
            },
            RPCMethod("getAllProcessInfo", ["array"], help: "Get info about all processes.") { [unowned self] _ in
                try running()
                let now = WallClock.now()
                return .encoded(ProcessInfoEncoding.describeAll(lookup.lexical, now: now))
            },
            RPCMethod("readProcessStdoutLog", ["string", "string", "int", "int"], help: "Read length bytes from name's stdout log starting at offset.") { [unowned self] params in
                try running()
                return .value(try readProcessLog(params, .stdout))
            },
            RPCMethod("readProcessStderrLog", ["string", "string", "int", "int"], help: "Read length bytes from name's stderr log starting at offset.") { [unowned self] params in
                try running()
                return .value(try readProcessLog(params, .stderr))
            },
            RPCMethod("tailProcessStdoutLog", ["array", "string", "int", "int"], help: "Tail name's stdout log: [bytes, offset, overflow].") { [unowned self] params in
                try running()
                return .value(try tailProcessLog(params, .stdout))
            },
            RPCMethod("tailProcessStderrLog", ["array", "string", "int", "int"], help: "Tail name's stderr log: [bytes, offset, overflow].") { [unowned self] params in
                try running()
                return .value(try tailProcessLog(params, .stderr))
            },
            RPCMethod("clearProcessLogs", ["boolean", "string"], help: "Clear the stdout and stderr logs for the named process and reopen them.") { [unowned self] params in
                try running()
                try controller.clearLogs(params.string(0))
                return .value(.bool(true))
            },
            RPCMethod("clearAllProcessLogs", ["array"], help: "Clear all process log files.") { [unowned self] _ in
                return .value(StatusEntry.list(try controller.clearAllLogs()))
            },
            RPCMethod("sendProcessStdin", ["boolean", "string", "string"], help: "Send a string of chars to the stdin of the process name.") { [unowned self] params in
                try running()
                return .value(try sendStdin(params))
            },
            RPCMethod("sendRemoteCommEvent", ["boolean", "string", "string"], help: "Send an event that will be received by event listener subprocesses subscribing to the RemoteCommunicationEvent.") { [unowned self] params in
                supervisor.publishRemoteCommunication(type: try params.string(0), data: try params.string(1))
                return .value(.bool(true))
            },
        ]
        list += ProcessControl(controller: controller).methods()
        // The reference keeps these older names as aliases.
        let aliases = ["getVersion": "getAPIVersion", "readMainLog": "readLog", "readProcessLog": "readProcessStdoutLog",
                       "tailProcessLog": "tailProcessStdoutLog", "clearProcessLog": "clearProcessLogs"]
        for (alias, target) in aliases {
            if let method = list.first(where: { $0.name == target }) {
                list.append(RPCMethod(alias, method.signature, optional: method.optionalCount, help: method.help, method.handler))
            }
        }
        return list
    }

    // MARK: - Logs

    private func readMainLog(offset: Int, length: Int) throws -> XMLRPCValue {
        // The reference's fault names the missing file, or nothing when there is none.
        guard let path = supervisor.log.path, access(path, F_OK) == 0 else { throw RPCFault(.noFile, supervisor.log.path) }
        return .string(try read(path: path, offset: offset, length: length))
    }

    private func readProcessLog(_ params: RPCParameters, _ stream: OutputChannel) throws -> XMLRPCValue {
        let process = try lookup.process(params.string(0))
        let (offset, length) = (try params.int(1), try params.int(2))
        guard let path = process.logs.flushedPath(stream), access(path, F_OK) == 0 else {
            throw RPCFault(.noFile, process.logs.path(stream))
        }
        return .string(try read(path: path, offset: offset, length: length))
    }

    private func read(path: String, offset: Int, length: Int) throws -> String {
        do {
            return String(decoding: try LogFileReader.read(path: path, offset: offset, length: length), as: UTF8.self)
        } catch LogFileReader.Failure.badArguments {
            throw RPCFault(.badArguments)
        } catch {
            throw RPCFault(.failed)
        }
    }

    private func tailProcessLog(_ params: RPCParameters, _ stream: OutputChannel) throws -> XMLRPCValue {
        let process = try lookup.process(params.string(0))
        let (offset, length) = (try params.int(1), try params.int(2))
        guard let path = process.logs.flushedPath(stream), access(path, F_OK) == 0 else {
            return .array([.string(""), .int(0), .bool(false)])
        }
        let tail = LogFileReader.tail(path: path, offset: offset, length: length)
        return .array([.string(String(decoding: tail.bytes, as: UTF8.self)), .int(tail.offset), .bool(tail.overflow)])
    }

    // MARK: - Stdin and reconfiguration

    private func sendStdin(_ params: RPCParameters) throws -> XMLRPCValue {
        let name = try params.string(0)
        let chars: [UInt8]
        do {
            chars = Array(try params.string(1).utf8)
        } catch {
            throw RPCFault(.incorrectParameters, params.values.count > 1 ? "\(params.values[1])" : nil)
        }
        try controller.sendStdin(name, chars)
        return .bool(true)
    }

    private func reloadConfig() throws -> XMLRPCValue {
        let difference = try controller.rereadConfig()
        let names = { (list: [String]) in XMLRPCValue.array(list.map { .string($0) }) }
        return .array([.array([names(difference.added), names(difference.changed), names(difference.removed)])])
    }
}
