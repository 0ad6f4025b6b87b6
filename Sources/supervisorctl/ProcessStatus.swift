import SupervisorCommon
import XMLRPC

/// The fields of a getProcessInfo / getAllProcessInfo struct that the client uses.
struct ProcessStatus {
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

    static func list(_ value: XMLRPCValue) -> [ProcessStatus] {
        (value.arrayValue ?? []).map(ProcessStatus.init)
    }
}
