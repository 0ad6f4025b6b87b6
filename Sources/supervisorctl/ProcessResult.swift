import SupervisorCommon
import XMLRPC

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
