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

    /// The fault an error stands for: itself, or FAILED with its description.
    init(_ error: Error) {
        self = (error as? RPCFault) ?? RPCFault(.failed, "\(error)")
    }

    var response: XMLRPCResponse { .fault(code: code.rawValue, string: text) }
}
