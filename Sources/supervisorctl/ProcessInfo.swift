import SupervisorCommon
import XMLRPC

/// The fields of a getProcessInfo / getAllProcessInfo struct that the client uses.
struct ProcessInfo {
    var name: String
    var group: String
    var state: Int
    var statename: String
    var description: String
    var pid: Int

    init(_ value: XMLRPCValue) {
        name = value["name"]?.stringValue ?? ""
        group = value["group"]?.stringValue ?? ""
        state = value["state"]?.intValue ?? ProcessState.unknown.rawValue
        statename = value["statename"]?.stringValue ?? ""
        description = value["description"]?.stringValue ?? ""
        pid = value["pid"]?.intValue ?? 0
    }

    var namespec: String { Namespec.format(group: group, name: name) }

    static func list(_ value: XMLRPCValue) -> [ProcessInfo] {
        (value.arrayValue ?? []).map(ProcessInfo.init)
    }
}

/// A per-process outcome of the *All*/*Group* methods, or a fault turned into one.
struct ProcessResult {
    var name: String
    var group: String
    var status: Int
    var description: String

    init(_ value: XMLRPCValue) {
        name = value["name"]?.stringValue ?? ""
        group = value["group"]?.stringValue ?? ""
        status = value["status"]?.intValue ?? 0
        description = value["description"]?.stringValue ?? ""
    }

    /// What the reference builds when a call on one process faults. For a
    /// group spec (`g:*`, only reachable through `clear`) Python's None shows as "None".
    init(fault code: Int, string: String, spec: String) {
        let (group, process) = Namespec.split(spec)
        self.name = process ?? "None"
        self.group = group
        status = code
        description = string
    }

    var namespec: String { Namespec.format(group: group, name: name) }

    static func list(_ value: XMLRPCValue) -> [ProcessResult] {
        (value.arrayValue ?? []).map(ProcessResult.init)
    }
}

/// `status` lines: name column at least 30 wide plus 3, then state in 10.
enum StatusTable {
    static func lines(_ infos: [ProcessInfo]) -> [String] {
        let specs = infos.map(\.namespec)
        let width = max(30, specs.map { $0.unicodeScalars.count }.max() ?? 0) + 3
        return zip(specs, infos).map { spec, info in
            PythonText.leftJustify(spec, width) + PythonText.leftJustify(info.statename, 10) + info.description
        }
    }
}
