/// A value of the XML-RPC data model.
public enum XMLRPCValue: Equatable, Sendable {
    case int(Int)
    case bool(Bool)
    case string(String)
    case double(Double)
    /// `dateTime.iso8601`, kept as the text on the wire (e.g. `20261121T10:00:00`).
    case dateTime(String)
    case base64([UInt8])
    case array([XMLRPCValue])
    /// Members in wire order.
    case `struct`([(String, XMLRPCValue)])
    case `nil`

    public static func == (a: XMLRPCValue, b: XMLRPCValue) -> Bool {
        switch (a, b) {
        case let (.int(x), .int(y)): x == y
        case let (.bool(x), .bool(y)): x == y
        case let (.string(x), .string(y)): x == y
        case let (.double(x), .double(y)): x == y
        case let (.dateTime(x), .dateTime(y)): x == y
        case let (.base64(x), .base64(y)): x == y
        case let (.array(x), .array(y)): x == y
        case let (.struct(x), .struct(y)): x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        case (.nil, .nil): true
        default: false
        }
    }
}

// Conveniences for reading results without a switch at every use.
extension XMLRPCValue {
    /// The member named `key` of a struct (the first, if repeated); nil for other kinds.
    public subscript(key: String) -> XMLRPCValue? {
        guard case let .struct(members) = self else { return nil }
        return members.first { $0.0 == key }?.1
    }

    public var intValue: Int? { if case let .int(v) = self { v } else { nil } }
    public var boolValue: Bool? { if case let .bool(v) = self { v } else { nil } }
    public var stringValue: String? { if case let .string(v) = self { v } else { nil } }
    public var doubleValue: Double? { if case let .double(v) = self { v } else { nil } }
    public var arrayValue: [XMLRPCValue]? { if case let .array(v) = self { v } else { nil } }
    public var structValue: [(String, XMLRPCValue)]? { if case let .struct(v) = self { v } else { nil } }
}
