/// The recursive-descent reader behind `JSONValue.parse`. Nesting is limited, so a hostile
/// document cannot exhaust the stack.
struct JSONParser {
    typealias ParseError = JSONValue.ParseError

    static let maxDepth = 128

    private let bytes: [UInt8]
    private var index = 0
    private var depth = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    mutating func document() throws(ParseError) -> JSONValue {
        let value = try self.value()
        skipWhitespace()
        guard index == bytes.count else { throw fail("unexpected text after the document") }
        return value
    }

    private mutating func value() throws(ParseError) -> JSONValue {
        skipWhitespace()
        guard index < bytes.count else { throw fail("unexpected end of the document") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try nested { parser throws(ParseError) in try parser.object() }
        case UInt8(ascii: "["): return try nested { parser throws(ParseError) in try parser.array() }
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): return try literal("true", .bool(true))
        case UInt8(ascii: "f"): return try literal("false", .bool(false))
        case UInt8(ascii: "n"): return try literal("null", .null)
        default: return .number(try number())
        }
    }

    private mutating func nested(_ body: (inout JSONParser) throws(ParseError) -> JSONValue) throws(ParseError) -> JSONValue {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maxDepth else { throw fail("nested more than \(Self.maxDepth) deep") }
        index += 1
        return try body(&self)
    }

    private mutating func object() throws(ParseError) -> JSONValue {
        var members: [String: JSONValue] = [:]
        skipWhitespace()
        if consume(UInt8(ascii: "}")) { return .object(members) }
        repeat {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw fail("expected a member name") }
            let name = try string()
            skipWhitespace()
            guard consume(UInt8(ascii: ":")) else { throw fail("expected ':'") }
            members[name] = try value()
            skipWhitespace()
        } while consume(UInt8(ascii: ","))
        guard consume(UInt8(ascii: "}")) else { throw fail("expected ',' or '}'") }
        return .object(members)
    }

    private mutating func array() throws(ParseError) -> JSONValue {
        var items: [JSONValue] = []
        skipWhitespace()
        if consume(UInt8(ascii: "]")) { return .array(items) }
        repeat {
            items.append(try value())
            skipWhitespace()
        } while consume(UInt8(ascii: ","))
        guard consume(UInt8(ascii: "]")) else { throw fail("expected ',' or ']'") }
        return .array(items)
    }

    private mutating func string() throws(ParseError) -> String {
        index += 1  // the opening quote
        var text = ""
        // Unescaped bytes are copied a run at a time.
        var run = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                text += String(decoding: bytes[run..<index], as: UTF8.self)
                index += 1
                return text
            }
            guard byte >= 0x20 else { throw fail("control character in a string") }
            guard byte == UInt8(ascii: "\\") else {
                index += 1
                continue
            }
            text += String(decoding: bytes[run..<index], as: UTF8.self)
            index += 1
            guard index < bytes.count else { break }
            let escape = bytes[index]
            index += 1
            switch escape {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): text.unicodeScalars.append(Unicode.Scalar(escape))
            case UInt8(ascii: "b"): text += "\u{8}"
            case UInt8(ascii: "f"): text += "\u{c}"
            case UInt8(ascii: "n"): text += "\n"
            case UInt8(ascii: "r"): text += "\r"
            case UInt8(ascii: "t"): text += "\t"
            case UInt8(ascii: "u"): text.unicodeScalars.append(try unicodeEscape())
            default: throw fail("unknown escape \\\(Character(Unicode.Scalar(escape)))")
            }
            run = index
        }
        throw fail("unterminated string")
    }

    /// `\uXXXX` (after the `u`), a surrogate pair as one scalar; a lone surrogate is U+FFFD.
    private mutating func unicodeEscape() throws(ParseError) -> Unicode.Scalar {
        let first = try hexQuad()
        if (0xD800..<0xDC00).contains(first), index + 1 < bytes.count,
           bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") {
            let saved = index
            index += 2
            let second = try hexQuad()
            if (0xDC00..<0xE000).contains(second) {
                return Unicode.Scalar(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)) ?? "\u{FFFD}"
            }
            index = saved
        }
        return Unicode.Scalar(first) ?? "\u{FFFD}"
    }

    private mutating func hexQuad() throws(ParseError) -> UInt32 {
        guard index + 4 <= bytes.count,
              let value = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16) else {
            throw fail("\\u needs four hex digits")
        }
        index += 4
        return value
    }

    private mutating func number() throws(ParseError) -> Double {
        let start = index
        let allowed: Set<UInt8> = Set("+-0123456789.eE".utf8)
        while index < bytes.count, allowed.contains(bytes[index]) { index += 1 }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        guard isNumber(text), let value = Double(text) else {
            index = start
            throw fail(index < bytes.count ? "unexpected character" : "unexpected end of the document")
        }
        return value
    }

    /// JSON's number grammar, stricter than Double's: no leading `+`, no leading zeros, digits around `.`.
    private func isNumber(_ text: String) -> Bool {
        var rest = Substring(text)
        if rest.first == "-" { rest.removeFirst() }
        let integer = rest.prefix { $0.isASCII && $0.isNumber }
        guard !integer.isEmpty, integer == "0" || integer.first != "0" else { return false }
        rest = rest.dropFirst(integer.count)
        if rest.first == "." {
            rest.removeFirst()
            let fraction = rest.prefix { $0.isASCII && $0.isNumber }
            guard !fraction.isEmpty else { return false }
            rest = rest.dropFirst(fraction.count)
        }
        if rest.first == "e" || rest.first == "E" {
            rest.removeFirst()
            if rest.first == "+" || rest.first == "-" { rest.removeFirst() }
            let exponent = rest.prefix { $0.isASCII && $0.isNumber }
            guard !exponent.isEmpty else { return false }
            rest = rest.dropFirst(exponent.count)
        }
        return rest.isEmpty
    }

    private mutating func literal(_ word: String, _ value: JSONValue) throws(ParseError) -> JSONValue {
        let expected = Array(word.utf8)
        guard index + expected.count <= bytes.count, Array(bytes[index..<index + expected.count]) == expected else {
            throw fail("unexpected character")
        }
        index += expected.count
        return value
    }

    private mutating func consume(_ byte: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    private mutating func skipWhitespace() {
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
    }

    private func fail(_ reason: String) -> ParseError {
        ParseError(offset: index, reason: reason)
    }
}
