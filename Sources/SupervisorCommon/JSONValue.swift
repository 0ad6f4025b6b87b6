/// A parsed JSON document (RFC 8259), for clients of the daemon's JSON: `supervisorctl top`
/// reads the `/api/v1/events` messages with it. Objects keep the last of repeated names.
public enum JSONValue: Equatable, Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// Why a text is not JSON, with the byte offset where that became clear.
    public struct ParseError: Error, Equatable {
        public let offset: Int
        public let reason: String
    }

    /// Parses a whole document; whitespace around it is allowed, anything else after it is not.
    public static func parse(_ text: String) throws(ParseError) -> JSONValue {
        var parser = JSONParser(Array(text.utf8))
        return try parser.document()
    }

    public subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    public var string: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    public var number: Double? {
        if case .number(let value) = self { return value }
        return nil
    }

    public var array: [JSONValue]? {
        if case .array(let items) = self { return items }
        return nil
    }
}
