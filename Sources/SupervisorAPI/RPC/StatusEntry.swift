import SupervisorCore
import XMLRPC

/// One entry of a group operation's result: `{name, group, status, description}`.
enum StatusEntry {
    static func of(_ process: Subprocess, _ fault: RPCFault? = nil) -> XMLRPCValue {
        .struct([("name", .string(process.name)), ("group", .string(process.group.name)),
                 ("status", .int((fault?.code ?? .success).rawValue)), ("description", .string(fault?.text ?? "OK"))])
    }

    static func of(_ outcome: ProcessOutcome) -> XMLRPCValue {
        of(outcome.process, outcome.error.map { RPCFault(control: $0) })
    }

    static func list(_ outcomes: [ProcessOutcome]) -> XMLRPCValue {
        .array(outcomes.map(of))
    }
}
