#if canImport(Glibc)
import Glibc
#endif
import SupervisorCommon
import XMLRPC

/// Commands about the daemon's configuration: avail, reread, add, remove, update.
enum ConfigCommands {
    static let avail = Command(name: "avail", help: ["avail\t\t\tDisplay all configured processes"]) { ctl, arg in
        guard rejectArguments(ctl, arg, "avail") else { return }
        guard let infos = try ctl.call("supervisor.getAllConfigInfo", on: [
            .shutdownState: { _ in ctl.fail("ERROR: supervisor shutting down") },
        ]) else { return }
        for info in infos.arrayValue ?? [] {
            let name = Namespec.format(group: info["group"]?.pythonString ?? "", name: info["name"]?.pythonString ?? "")
            let inUse = info["inuse"]?.boolValue == true ? "in use" : "avail"
            let autostart = info["autostart"]?.boolValue == true ? "auto" : "manual"
            let priority = "\(info["group_prio"]?.pythonString ?? ""):\(info["process_prio"]?.pythonString ?? "")"
            ctl.output(PythonText.leftJustify(name, 32) + " " + PythonText.leftJustify(inUse, 9) + " "
                       + PythonText.leftJustify(autostart, 9) + " " + priority)
        }
    }

    static let reread = Command(name: "reread", help: [
        "reread \t\t\tReload the daemon's configuration files without add/remove",
    ]) { ctl, arg in
        guard rejectArguments(ctl, arg, "reread") else { return }
        guard let changes = try reloadConfig(ctl, on: [
            .shutdownState: { _ in ctl.fail("ERROR: supervisor shutting down") },
            .cantReread: { string in ctl.fail("ERROR: \(string)") },
        ]) else { return }
        // One line per name, sorted; a name in several lists shows its last label.
        var labels: [String: String] = [:]
        for name in changes.added { labels[name] = "available" }
        for name in changes.changed { labels[name] = "changed" }
        for name in changes.removed { labels[name] = "disappeared" }
        if labels.isEmpty { ctl.output("No config updates to processes") }
        for name in labels.keys.sorted(by: pythonOrder) { ctl.output("\(name): \(labels[name]!)") }
    }

    static let add = Command(name: "add", help: [
        "add <name> [...]\tActivates any updates in config for process/group",
    ]) { ctl, arg in
        for name in PythonText.split(arg) {
            guard try ctl.call("supervisor.addProcessGroup", [.string(name)], on: [
                .shutdownState: { _ in ctl.fail("ERROR: shutting down") },
                .alreadyAdded: { _ in ctl.output("ERROR: process group already active") },
                .badName: { _ in ctl.fail("ERROR: no such process/group: \(name)") },
            ]) != nil else { continue }
            ctl.output("\(name): added process group")
        }
    }

    static let remove = Command(name: "remove", help: [
        "remove <name> [...]\tRemoves process/group from active config",
    ]) { ctl, arg in
        for name in PythonText.split(arg) {
            guard try ctl.call("supervisor.removeProcessGroup", [.string(name)], on: [
                .stillRunning: { _ in ctl.fail("ERROR: process/group still running: \(name)") },
                .badName: { _ in ctl.fail("ERROR: no such process/group: \(name)") },
            ]) != nil else { continue }
            ctl.output("\(name): removed process group")
        }
    }

    static let update = Command(name: "update", help: [
        "update\t\t\tReload config and add/remove as necessary, and will restart affected programs",
        "update all\t\tReload config and add/remove as necessary, and will restart affected programs",
        "update <gname> [...]\tUpdate specific groups",
    ]) { ctl, arg in
        let rpc = ctl.rpc
        guard let changes = try reloadConfig(ctl, on: [
            .shutdownState: { _ in ctl.fail("ERROR: already shutting down") },
        ]) else { return }
        // Named groups limit the update; "all" means no limit.
        var wanted: [String] = []
        for name in PythonText.split(arg) where !wanted.contains(name) { wanted.append(name) }
        if wanted.contains("all") { wanted = [] }
        if !wanted.isEmpty {
            let known = Set(ProcessStatus.list(try rpc.call("supervisor.getAllProcessInfo")).map(\.group))
                .union(changes.added)
            for name in wanted where !known.contains(name) {
                ctl.fail("ERROR: no such group: \(name)")
            }
        }
        let selected = { (group: String) in wanted.isEmpty || wanted.contains(group) }

        for group in changes.removed where selected(group) {
            let results = ProcessStatus.list(try rpc.call("supervisor.stopProcessGroup", [.string(group)]))
            ctl.output("\(group): stopped")
            if results.contains(where: { $0.status == FaultCode.failed.rawValue }) {
                ctl.fail("\(group): has problems; not removing")
                continue
            }
            _ = try rpc.call("supervisor.removeProcessGroup", [.string(group)])
            ctl.output("\(group): removed process group")
        }
        for group in changes.changed where selected(group) {
            _ = try rpc.call("supervisor.stopProcessGroup", [.string(group)])
            ctl.output("\(group): stopped")
            _ = try rpc.call("supervisor.removeProcessGroup", [.string(group)])
            _ = try rpc.call("supervisor.addProcessGroup", [.string(group)])
            ctl.output("\(group): updated process group")
        }
        for group in changes.added where selected(group) {
            _ = try rpc.call("supervisor.addProcessGroup", [.string(group)])
            ctl.output("\(group): added process group")
        }
    }

    /// reloadConfig's `[[added, changed, removed]]`.
    private struct Changes {
        var added: [String] = []
        var changed: [String] = []
        var removed: [String] = []
    }

    /// The changes, or nil when a fault in `faults` was handled.
    private static func reloadConfig(_ ctl: Controller, on faults: [FaultCode: (String) -> Void]) throws -> Changes? {
        guard let result = try ctl.call("supervisor.reloadConfig", on: faults) else { return nil }
        let lists = (result.arrayValue?.first?.arrayValue ?? []).map { ($0.arrayValue ?? []).map(\.pythonString) }
        var changes = Changes()
        if lists.count > 0 { changes.added = lists[0] }
        if lists.count > 1 { changes.changed = lists[1] }
        if lists.count > 2 { changes.removed = lists[2] }
        return changes
    }

    /// Python sorts strings by code point, which is what comparing scalars gives.
    private static func pythonOrder(_ a: String, _ b: String) -> Bool {
        a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars)
    }
}

/// The reference's check for commands that take no arguments.
func rejectArguments(_ ctl: Controller, _ arg: String, _ name: String) -> Bool {
    guard !arg.isEmpty else { return true }
    ctl.fail("Error: \(name) accepts no arguments")
    ctl.printHelp(name)
    return false
}
