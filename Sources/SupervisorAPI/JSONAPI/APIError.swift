import NIOCore
import NIOHTTP1
import SupervisorCommon

/// A JSON API error: the HTTP status and the body `{"error": {"code", "fault", "message"}}`.
/// `code` is the XML-RPC fault name and `fault` its number, so clients of either API
/// share one vocabulary; the errors XML-RPC answers at the HTTP level (401, 405, 413)
/// have a code of their own and a null `fault`.
struct APIError: Error {
    let status: HTTPResponseStatus
    let code: String
    let fault: FaultCode?
    let message: String
    var headers: [(String, String)] = []

    init(_ fault: FaultCode, _ message: String) {
        status = Self.status(of: fault)
        code = fault.name
        self.fault = fault
        self.message = message
    }

    private init(status: HTTPResponseStatus, code: String, message: String, headers: [(String, String)] = []) {
        self.status = status
        self.code = code
        fault = nil
        self.message = message
        self.headers = headers
    }

    /// A control error in the API's words; `noun` names what a BAD_NAME did not find.
    init(_ error: ControlError, noun: String = "process or group") {
        switch error {
        case .shuttingDown: self.init(.shutdownState, "the daemon is shutting down")
        case .badName(let name): self.init(.badName, "no such \(noun): \(name)")
        case .badSignal(let signal): self.init(.badSignal, "not a signal: \(signal)")
        case .noFile(let what): self.init(.noFile, what.map { "no such file: \($0)" } ?? "no such file")
        case .notExecutable(let message): self.init(.notExecutable, "not executable: \(message)")
        case .failed(let message): self.init(.failed, message ?? "failed")
        case .abnormalTermination(let spec): self.init(.abnormalTermination, "\(spec) exited before it was RUNNING")
        case .spawnError(let spec): self.init(.spawnError, "\(spec) could not be spawned")
        case .alreadyStarted(let spec): self.init(.alreadyStarted, "already started: \(spec)")
        case .notRunning(let spec): self.init(.notRunning, "not running: \(spec)")
        case .alreadyAdded(let name): self.init(.alreadyAdded, "group already added: \(name)")
        case .stillRunning(let name): self.init(.stillRunning, "group still has processes that are not stopped: \(name)")
        case .cantReread(let message): self.init(.cantReread, "cannot read the configuration: \(message)")
        case .badArguments: self.init(.badArguments, "bad arguments")
        }
    }

    /// Any error a handler's future failed with.
    init(any error: Error) {
        switch error {
        case let api as APIError: self = api
        case let control as ControlError: self.init(control)
        default: self.init(.failed, "\(error)")
        }
    }

    static func noRoute(_ method: HTTPMethod, _ path: String) -> APIError {
        APIError(.unknownMethod, "no such route: \(method.rawValue) \(path)")
    }

    static func methodNotAllowed(_ method: HTTPMethod, _ path: String, allowed: [HTTPMethod]) -> APIError {
        let list = allowed.map(\.rawValue).joined(separator: ", ")
        return APIError(status: .methodNotAllowed, code: "METHOD_NOT_ALLOWED",
                        message: "\(path) answers \(list), not \(method.rawValue)", headers: [("Allow", list)])
    }

    static let unauthorized = APIError(status: .unauthorized, code: "UNAUTHORIZED", message: "credentials required",
                                       headers: [("WWW-Authenticate", "Basic realm=\"default\"")])

    static func tooLarge(limit: Int) -> APIError {
        APIError(status: .payloadTooLarge, code: "TOO_LARGE", message: "request body larger than \(limit) bytes")
    }

    /// 404 for a name or file that is not there, 400 for arguments, 409 for a request the
    /// process's or daemon's state refuses.
    private static func status(of fault: FaultCode) -> HTTPResponseStatus {
        switch fault {
        case .badName, .noFile, .unknownMethod: .notFound
        case .badArguments, .incorrectParameters, .badSignal, .signatureUnsupported: .badRequest
        case .shutdownState, .notExecutable, .failed, .abnormalTermination, .spawnError, .alreadyStarted,
             .notRunning, .alreadyAdded, .stillRunning, .cantReread, .success: .conflict
        }
    }

    var reply: HTTPReply {
        var json = JSONWriter()
        json.beginObject()
        json.key("error")
        json.beginObject()
        json.member("code", code)
        json.key("fault")
        if let fault { json.value(fault.rawValue) } else { json.null() }
        json.member("message", message)
        json.endObject()
        json.endObject()
        return .full(status, contentType: "application/json", body: json.finish(), headers: headers)
    }
}
