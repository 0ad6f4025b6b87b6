/// A method's result: one value, or a fault.
public enum XMLRPCResponse: Equatable, Sendable {
    case success(XMLRPCValue)
    case fault(code: Int, string: String)

    /// The body the reference daemon would send (Python's `xmlrpc.client.dumps` layout).
    public func encode() -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(1024)
        encode(into: &bytes)
        return bytes
    }

    @inlinable
    public func encode<Output: XMLRPCOutput>(into w: inout Output) {
        switch self {
        case let .success(value):
            Self.encodeSuccess(into: &w) { $0.writeValue(value) }
        case let .fault(code, string):
            w.write("<?xml version='1.0'?>\n<methodResponse>\n<fault>\n")
            w.writeValue(.struct([("faultCode", .int(code)), ("faultString", .string(string))]))
            w.write("</fault>\n</methodResponse>\n")
        }
    }

    /// A success response whose value `writeValue` writes itself (see `writeStructStart`).
    @inlinable
    public static func encodeSuccess<Output: XMLRPCOutput>(into w: inout Output, writeValue: (inout Output) -> Void) {
        w.write("<?xml version='1.0'?>\n<methodResponse>\n<params>\n<param>\n")
        writeValue(&w)
        w.write("</param>\n</params>\n</methodResponse>\n")
    }

    /// Reads a `<methodResponse>` body: exactly one parameter, or a fault struct
    /// with an integer `faultCode` and a string `faultString`.
    public static func parse(_ body: [UInt8]) throws -> XMLRPCResponse {
        let root = try XMLDocumentParser.parseDocument(body)
        let children = root.elements
        guard root.name == "methodResponse", children.count == 1, root.hasOnlyWhitespaceText else {
            throw XMLRPCError("expected <methodResponse>")
        }
        let content = children[0]
        switch content.name {
        case "params":
            let params = try XMLRPCDecoder.params(content)
            guard params.count == 1 else { throw XMLRPCError("response must hold exactly one value") }
            return .success(params[0])
        case "fault":
            let inner = content.elements
            guard inner.count == 1, content.hasOnlyWhitespaceText else { throw XMLRPCError("malformed <fault>") }
            let fault = try XMLRPCDecoder.value(inner[0])
            guard case let .int(code)? = fault["faultCode"], case let .string(string)? = fault["faultString"] else {
                throw XMLRPCError("malformed <fault>")
            }
            return .fault(code: code, string: string)
        default:
            throw XMLRPCError("expected <params> or <fault>")
        }
    }
}
