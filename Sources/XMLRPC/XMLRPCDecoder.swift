import SupervisorCommon

/// Turns parsed XML into XML-RPC values, accepting the same type tags as
/// Python's `xmlrpc.client` reader (`i1`…`i8`, `biginteger`, `float`, `nil`, …).
enum XMLRPCDecoder {
    /// Reads a `<value>` element.
    static func value(_ element: XMLTreeElement) throws -> XMLRPCValue {
        guard element.name == "value" else { throw XMLRPCError("expected <value>, found <\(short(element.name))>") }
        let children = element.elements
        // A bare `<value>text</value>` is a string.
        if children.isEmpty { return .string(element.text) }
        guard children.count == 1, element.hasOnlyWhitespaceText else { throw XMLRPCError("malformed <value>") }
        return try typed(children[0])
    }

    private static func typed(_ e: XMLTreeElement) throws -> XMLRPCValue {
        switch e.name {
        case "int", "i4", "i8", "i1", "i2", "biginteger", "ex:i8":
            let digits = trimmed(e.text)
            guard let i = Int(digits) ?? (digits.first == "+" ? Int(digits.dropFirst()) : nil) else {
                throw XMLRPCError("bad integer value")
            }
            return .int(i)
        case "boolean":
            switch e.text {
            case "1": return .bool(true)
            case "0": return .bool(false)
            default: throw XMLRPCError("bad boolean value")
            }
        case "string":
            return .string(e.text)
        case "double", "float":
            let text = trimmed(e.text)
            // Swift's parser also takes hex floats; Python's does not.
            guard !text.lowercased().contains("0x"), let d = Double(text) else { throw XMLRPCError("bad double value") }
            return .double(d)
        case "dateTime.iso8601":
            return .dateTime(e.text)
        case "base64":
            guard let data = Base64.decode(e.text.utf8) else { throw XMLRPCError("bad base64 value") }
            return .base64(data)
        case "nil", "ex:nil":
            guard e.children.isEmpty else { throw XMLRPCError("malformed <nil>") }
            return .nil
        case "array":
            let parts = e.elements
            guard parts.count == 1, parts[0].name == "data", e.hasOnlyWhitespaceText,
                  parts[0].hasOnlyWhitespaceText
            else { throw XMLRPCError("malformed <array>") }
            return .array(try parts[0].elements.map(value))
        case "struct":
            guard e.hasOnlyWhitespaceText else { throw XMLRPCError("malformed <struct>") }
            return .struct(try e.elements.map(member))
        default:
            throw XMLRPCError("unknown value type <\(short(e.name))>")
        }
    }

    private static func member(_ m: XMLTreeElement) throws -> (String, XMLRPCValue) {
        let parts = m.elements
        guard m.name == "member", parts.count == 2, parts[0].name == "name", parts[0].elements.isEmpty,
              m.hasOnlyWhitespaceText
        else { throw XMLRPCError("malformed struct member") }
        return (parts[0].text, try value(parts[1]))
    }

    /// Reads `<params>`: one `<param><value>…</value></param>` per parameter.
    static func params(_ e: XMLTreeElement) throws -> [XMLRPCValue] {
        guard e.hasOnlyWhitespaceText else { throw XMLRPCError("malformed <params>") }
        return try e.elements.map { param in
            let inner = param.elements
            guard param.name == "param", inner.count == 1, param.hasOnlyWhitespaceText else {
                throw XMLRPCError("malformed <param>")
            }
            return try value(inner[0])
        }
    }

    private static func trimmed(_ s: String) -> Substring {
        let u = Substring(s)
        guard let first = u.utf8.firstIndex(where: { !isXMLSpace($0) }) else { return "" }
        let last = u.utf8.lastIndex(where: { !isXMLSpace($0) })!
        return u[first...last]
    }

    /// Keeps error messages short even when a hostile body has a huge tag name.
    private static func short(_ s: String) -> String {
        s.count <= 40 ? s : String(s.prefix(40)) + "…"
    }
}
