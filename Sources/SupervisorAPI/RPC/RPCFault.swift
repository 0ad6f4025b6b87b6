import SupervisorCommon
import XMLRPC

/// An error an RPC method reports to the caller as an XML-RPC fault.
public struct RPCFault: Error, Equatable, Sendable {
    public let code: FaultCode
    /// `NAME` or `NAME: detail`, as the reference words them.
    public let text: String

    public init(_ code: FaultCode, _ detail: String? = nil) {
        self.code = code
        self.text = detail.map { "\(code.name): \($0)" } ?? code.name
    }

    /// The fault an error stands for: itself, a control error's fault, or FAILED with its description.
    init(_ error: Error) {
        switch error {
        case let fault as RPCFault: self = fault
        case let control as ControlError: self.init(control: control)
        default: self.init(.failed, "\(error)")
        }
    }

    var response: XMLRPCResponse { .fault(code: code.rawValue, string: text) }
}
