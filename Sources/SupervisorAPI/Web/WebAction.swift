import Glibc
import NIOCore
import SupervisorCommon
import SupervisorCore
import XMLRPC

/// A button on the status page. Each runs the XML-RPC method(s) supervisorctl would,
/// through the dispatcher, so the web page has no control path of its own.
enum WebAction: String, CaseIterable {
    case start, stop, restart
    case clearLog = "clearlog"
    case stopAll = "stopall"
    case restartAll = "restartall"

    var label: String {
        switch self {
        case .start: "Start"
        case .stop: "Stop"
        case .restart: "Restart"
        case .clearLog: "Clear log"
        case .stopAll: "Stop all"
        case .restartAll: "Restart all"
        }
    }

    var needsProcess: Bool { self != .stopAll && self != .restartAll }

    /// The actions of one process row, in button order.
    static let perProcess: [WebAction] = [.start, .stop, .restart, .clearLog]

    /// Runs the action; the future holds the message for the page (never fails).
    func run(on dispatcher: RPCDispatcher, namespec: String) -> EventLoopFuture<WebActionResult> {
        let name = XMLRPCValue.string(namespec)
        switch self {
        case .start:
            return call(dispatcher, "supervisor.startProcess", [name, .bool(true)], done: "Process \(namespec) started", process: namespec)
        case .stop:
            return call(dispatcher, "supervisor.stopProcess", [name, .bool(true)], done: "Process \(namespec) stopped", process: namespec)
        case .restart:
            // As supervisorctl: stop (not running is fine), then start, whose fault is the outcome.
            return multicall(dispatcher, [("supervisor.stopProcess", [name]), ("supervisor.startProcess", [name])],
                             done: "Process \(namespec) restarted", process: namespec)
        case .clearLog:
            return call(dispatcher, "supervisor.clearProcessLogs", [name], done: "Log for \(namespec) cleared", process: namespec)
        case .stopAll:
            return call(dispatcher, "supervisor.stopAllProcesses", [.bool(true)], done: "All stopped at \(Self.now())", process: nil)
        case .restartAll:
            return multicall(dispatcher, [("supervisor.stopAllProcesses", []), ("supervisor.startAllProcesses", [])],
                             done: "All restarted at \(Self.now())", process: nil)
        }
    }

    private func call(_ dispatcher: RPCDispatcher, _ method: String, _ params: [XMLRPCValue], done: String,
                      process: String?) -> EventLoopFuture<WebActionResult> {
        dispatcher.handle(XMLRPCRequest(methodName: method, params: params)).map { response in
            switch response {
            case .success: WebActionResult(ok: true, message: done)
            case .fault(let code, let text): Self.failure(code: code, text: text, process: process)
            }
        }
    }

    /// Runs the calls in order with system.multicall; the last call's fault, if any, is the outcome.
    private func multicall(_ dispatcher: RPCDispatcher, _ calls: [(String, [XMLRPCValue])], done: String,
                           process: String?) -> EventLoopFuture<WebActionResult> {
        let list = XMLRPCValue.array(calls.map { .struct([("methodName", .string($0.0)), ("params", .array($0.1))]) })
        return dispatcher.handle(XMLRPCRequest(methodName: "system.multicall", params: [list])).map { response in
            switch response {
            case .success(let results):
                if let last = results.arrayValue?.last, let code = last["faultCode"]?.intValue {
                    return Self.failure(code: code, text: last["faultString"]?.stringValue ?? "", process: process)
                }
                return WebActionResult(ok: true, message: done)
            case .fault(let code, let text):
                return Self.failure(code: code, text: text, process: process)
            }
        }
    }

    private static func failure(code: Int, text: String, process: String?) -> WebActionResult {
        let reason: String
        switch FaultCode(rawValue: code) {
        case .badName: reason = "no such process"
        case .noFile: reason = "no such file"
        case .notExecutable: reason = "file not executable"
        case .alreadyStarted: reason = "already started"
        case .notRunning: reason = "not running"
        case .spawnError: reason = "spawn error"
        case .abnormalTermination: reason = "abnormal termination"
        default: reason = text
        }
        return WebActionResult(ok: false, message: process.map { "ERROR: Process \($0): \(reason)" } ?? "ERROR: \(reason)")
    }

    /// Local time as `ctime()` writes it, for "All stopped at …".
    private static func now() -> String {
        LocalTime.format(Int(WallClock.now()), "%a %b %e %H:%M:%S %Y")
    }
}

struct WebActionResult {
    let ok: Bool
    let message: String
}
