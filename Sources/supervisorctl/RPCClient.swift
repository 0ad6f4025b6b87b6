import SupervisorConfig
import XMLRPC

/// What an XML-RPC call can fail with, beyond transport errors (`ControlError`).
enum RPCFailure: Error {
    /// The method answered with a fault.
    case fault(code: Int, string: String)
    /// The server answered with an HTTP status other than 200 (Python's ProtocolError).
    case httpStatus(code: Int, reason: String)
}

extension RPCFailure {
    var isUnauthorized: Bool {
        if case .httpStatus(401, _) = self { true } else { false }
    }

    /// The reference's exception, for the generic `error: <class …>` report.
    var asControlError: ControlError {
        switch self {
        case let .fault(code, string):
            ControlError(pythonClass: "xmlrpc.client.Fault", message: "<Fault \(code): \(pythonRepr(string))>")
        case let .httpStatus(code, reason):
            ControlError(pythonClass: "xmlrpc.client.ProtocolError",
                         message: "<ProtocolError for 127.0.0.1/RPC2: \(code) \(reason)>")
        }
    }
}

/// Calls methods on supervisord's `/RPC2`, one connection per call as the
/// reference does (it builds a fresh proxy for every call).
struct RPCClient {
    var serverURL: String
    var username: String?
    var password: String?

    func call(_ method: String, _ params: [XMLRPCValue] = []) throws -> XMLRPCValue {
        let endpoint = try Endpoint(serverURL: serverURL)
        let body = XMLRPCRequest(methodName: method, params: params).encode()
        var head = "POST /RPC2 HTTP/1.1\r\nHost: localhost\r\nUser-Agent: supervisorctl\r\n"
        head += "Content-Type: text/xml\r\nAccept: text/xml\r\nContent-Length: \(body.count)\r\n"
        // Like the reference: credentials are sent only when both are set.
        if let username, let password {
            head += "Authorization: \(basicAuthorization(username: username, password: password))\r\n"
        }
        head += "\r\n"

        let connection = try Connection.open(endpoint)
        defer { connection.close() }
        try connection.send(Array(head.utf8) + body)

        var parser = HTTPResponseParser()
        var responseBody: [UInt8] = []
        while !parser.isComplete {
            let chunk = try connection.receive()
            if chunk.isEmpty {
                try parser.finish()
                break
            }
            try parser.feed(chunk) { responseBody.append(contentsOf: $0) }
        }
        guard parser.status == 200 else { throw RPCFailure.httpStatus(code: parser.status, reason: parser.reason) }
        let response: XMLRPCResponse
        do {
            response = try XMLRPCResponse.parse(responseBody)
        } catch {
            throw ControlError(pythonClass: "xml.parsers.expat.ExpatError", message: "\(error)")
        }
        switch response {
        case let .success(value): return value
        case let .fault(code, string): throw RPCFailure.fault(code: code, string: string)
        }
    }
}
