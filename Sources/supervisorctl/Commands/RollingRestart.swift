import SupervisorCommon
import XMLRPC

/// `restart --rolling [--batch N] GROUP` (or `GROUP:*`), an extension of `restart`: the
/// daemon restarts the group's processes a batch at a time (`supervisor.rollingRestartGroup`).
nonisolated struct RollingRestart: Equatable {
    let group: String
    let batchSize: Int

    struct UsageError: Error, Equatable {
        let message: String
    }

    /// Printed after a usage mistake (`help restart` stays the reference's).
    static let usage = [
        "restart --rolling <gname>\t\tRestart a group's processes one at a time,",
        "\t\t\t\teach once the one before is RUNNING",
        "restart --rolling --batch N <gname>\tThe same, N processes at a time",
    ]

    /// The request `restart`'s words make, or nil when they have neither `--rolling` nor
    /// `--batch` (the reference's `restart`, where such words would be process names).
    static func parse(_ words: [String]) throws(UsageError) -> RollingRestart? {
        guard words.contains(where: { $0 == "--rolling" || $0 == "--batch" || $0.hasPrefix("--batch=") }) else { return nil }
        var rolling = false
        var batchSize = 1
        var names: [String] = []
        var rest = words[...]
        while let word = rest.popFirst() {
            if word == "--rolling" {
                rolling = true
            } else if word == "--batch" {
                batchSize = try count(rest.popFirst())
            } else if word.hasPrefix("--batch=") {
                batchSize = try count(String(word.dropFirst("--batch=".count)))
            } else if word.hasPrefix("-") {
                throw UsageError(message: "Error: unknown option \(word)")
            } else {
                names.append(word)
            }
        }
        guard rolling else { throw UsageError(message: "Error: --batch works with --rolling only") }
        guard let name = names.first else { throw UsageError(message: "Error: restart --rolling requires a group name") }
        guard names.count == 1 else { throw UsageError(message: "Error: restart --rolling takes one group") }
        let (group, process) = Namespec.split(name)
        // A bare name is a group here; `group:name` is a process.
        if name.contains(":"), let process {
            throw UsageError(message: "Error: restart --rolling takes a group (\(group) or \(group):*), not the process \(process)")
        }
        return RollingRestart(group: group, batchSize: batchSize)
    }

    private static func count(_ text: String?) throws(UsageError) -> Int {
        guard let text, let size = Int(text), size >= 1 else {
            throw UsageError(message: "Error: --batch requires a number of processes, 1 or more")
        }
        return size
    }

    /// Asks the daemon and prints what happened to each process, as `restart` does; a
    /// process that did not come back gets the error `start` would print, then a line
    /// saying that the restart stopped there, and the exit status of a failed start.
    @MainActor func run(_ ctl: Controller) throws {
        let results: XMLRPCValue
        do {
            results = try ctl.rpc.call("supervisor.rollingRestartGroup", [.string(group), .int(batchSize)])
        } catch RPCFailure.fault(FaultCode.badName.rawValue, _) {
            ctl.output("\(group): ERROR (no such group)")
            ctl.exitStatus = ProcessCommands.Action.start.missingGroupStatus
            return
        } catch RPCFailure.fault(FaultCode.unknownMethod.rawValue, _) {
            ctl.fail("Error: this supervisord has no rolling restarts (supervisor.rollingRestartGroup)")
            return
        }
        var failed: [String] = []
        for result in ProcessStatus.list(results) {
            if result.status == FaultCode.success.rawValue {
                ctl.output(try ProcessCommands.message(result, .stop))
                ctl.output(try ProcessCommands.message(result, .start))
            } else {
                ctl.output((try? ProcessCommands.message(result, .start)) ?? "\(result.namespec): ERROR (\(result.description))")
                ctl.noteResult(result.status)
                failed.append(result.namespec)
            }
        }
        if !failed.isEmpty {
            ctl.output("\(group): ERROR (rolling restart stopped at \(failed.joined(separator: ", ")))")
        }
    }
}
