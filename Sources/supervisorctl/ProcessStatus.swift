import SupervisorCommon
import XMLRPC

/// What the server says of one process: the fields of a getProcessInfo /
/// getAllProcessInfo struct that the client uses, or a per-process outcome of the
/// *All*/*Group* methods (`status` and `description`), or a fault turned into one.
struct ProcessStatus {
    var name: String
    var group: String
    var description: String
    var state = ProcessState.unknown.rawValue
    var statename = ""
    var pid = 0
    /// The fault code of a per-process outcome (SUCCESS is 80).
    var status = 0

    init(_ value: XMLRPCValue) {
        name = value["name"]?.stringValue ?? ""
        group = value["group"]?.stringValue ?? ""
        description = value["description"]?.stringValue ?? ""
        state = value["state"]?.intValue ?? state
        statename = value["statename"]?.stringValue ?? statename
        pid = value["pid"]?.intValue ?? pid
        status = value["status"]?.intValue ?? status
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

    static func list(_ value: XMLRPCValue) -> [ProcessStatus] {
        (value.arrayValue ?? []).map(ProcessStatus.init)
    }
}
