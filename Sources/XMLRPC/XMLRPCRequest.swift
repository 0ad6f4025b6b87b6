/// A method call, as the client sends it and the server receives it.
public struct XMLRPCRequest: Equatable, Sendable {
    public var methodName: String
    public var params: [XMLRPCValue]

    public init(methodName: String, params: [XMLRPCValue] = []) {
        self.methodName = methodName
        self.params = params
    }

    /// Reads a `<methodCall>` body. A missing `<params>` means no parameters (the
    /// reference server allows that); a missing or empty method name is an error.
    public static func parse(_ body: [UInt8]) throws -> XMLRPCRequest {
        let root = try XMLDocumentParser.parseDocument(body)
        guard root.name == "methodCall", root.hasOnlyWhitespaceText else { throw XMLRPCError("expected <methodCall>") }
        var name: String?
        var params: [XMLRPCValue] = []
        for child in root.elements {
            switch child.name {
            case "methodName":
                guard child.elements.isEmpty else { throw XMLRPCError("malformed <methodName>") }
                name = child.text
            case "params":
                params = try XMLRPCDecoder.params(child)
            default:
                throw XMLRPCError("unexpected element in <methodCall>")
            }
        }
        guard let name, !name.isEmpty else { throw XMLRPCError("no method name") }
        return XMLRPCRequest(methodName: name, params: params)
    }

    /// The body Python's `xmlrpc.client` would send for this call.
    public func encode() -> [UInt8] {
        var w: [UInt8] = []
        w.reserveCapacity(1024)
        w.write("<?xml version='1.0'?>\n<methodCall>\n<methodName>")
        w.writeEscaped(methodName)
        w.write("</methodName>\n<params>\n")
        for p in params {
            w.write("<param>\n")
            w.writeValue(p)
            w.write("</param>\n")
        }
        w.write("</params>\n</methodCall>\n")
        return w
    }
}
