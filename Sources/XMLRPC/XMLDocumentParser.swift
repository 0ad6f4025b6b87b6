/// XML's white space: space, tab, line feed and carriage return.
@inline(__always) func isXMLSpace(_ b: UInt8) -> Bool {
    b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D
}

/// A deliberately small XML reader: just enough for XML-RPC bodies.
///
/// It understands elements (attributes are skipped), character data, the five
/// predefined entities, numeric character references, CDATA sections, comments,
/// the XML declaration and processing instructions. Any `<!DOCTYPE` (or other
/// markup declaration) is refused outright, so there are no user-defined or
/// external entities and hence no expansion bombs. Nesting is capped so a
/// hostile body cannot exhaust the stack of the recursive tree walk.
struct XMLDocumentParser {
    static let maxDepth = 64

    private let bytes: [UInt8]
    private var pos = 0

    private init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// Parses a whole document and returns its root element.
    static func parseDocument(_ bytes: [UInt8]) throws -> XMLTreeElement {
        var parser = XMLDocumentParser(bytes)
        return try parser.document()
    }

    private mutating func document() throws -> XMLTreeElement {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { pos = 3 }  // UTF-8 byte order mark
        var stack: [XMLTreeElement] = []
        var root: XMLTreeElement?
        var text: [UInt8] = []

        func flushText(into stack: inout [XMLTreeElement], _ text: inout [UInt8]) throws {
            guard !text.isEmpty else { return }
            defer { text.removeAll(keepingCapacity: true) }
            guard !stack.isEmpty else {
                if text.allSatisfy(isXMLSpace) { return }
                throw XMLRPCError("text outside the document element")
            }
            guard let s = text.withUnsafeBufferPointer(utf8String) else { throw XMLRPCError("invalid UTF-8") }
            stack[stack.count - 1].children.append(.text(s))
        }

        while pos < bytes.count {
            let b = bytes[pos]
            if b == UInt8(ascii: "&") {
                try readReference(into: &text)
                continue
            }
            if b == 0x0D {  // XML end-of-line handling: CRLF and lone CR both become LF
                text.append(0x0A)
                pos += 1
                if pos < bytes.count && bytes[pos] == 0x0A { pos += 1 }
                continue
            }
            if b != UInt8(ascii: "<") {
                text.append(b)
                pos += 1
                continue
            }
            // Markup.
            if hasPrefix("<![CDATA[") {
                guard !stack.isEmpty else { throw XMLRPCError("CDATA outside the document element") }
                pos += 9
                let end = try find("]]>")
                text.append(contentsOf: bytes[pos..<end])
                pos = end + 3
                continue
            }
            try flushText(into: &stack, &text)
            if hasPrefix("<!--") {
                pos += 4
                pos = try find("-->") + 3
            } else if hasPrefix("<!") {
                throw XMLRPCError("DOCTYPE and markup declarations are not allowed")
            } else if hasPrefix("<?") {
                pos += 2
                pos = try find("?>") + 2
            } else if hasPrefix("</") {
                pos += 2
                let name = try readName()
                skipSpace()
                try expect(UInt8(ascii: ">"))
                guard let open = stack.popLast() else { throw XMLRPCError("unexpected closing tag") }
                guard open.name == name else { throw XMLRPCError("mismatched tag") }
                if stack.isEmpty { root = open } else { stack[stack.count - 1].children.append(.element(open)) }
            } else {
                pos += 1
                guard root == nil else { throw XMLRPCError("junk after document element") }
                let name = try readName()
                let selfClosing = try skipAttributes()
                guard stack.count < Self.maxDepth else { throw XMLRPCError("nesting too deep") }
                let element = XMLTreeElement(name: name)
                if selfClosing {
                    if stack.isEmpty { root = element } else { stack[stack.count - 1].children.append(.element(element)) }
                } else {
                    stack.append(element)
                }
            }
        }
        try flushText(into: &stack, &text)
        guard stack.isEmpty, let root else { throw XMLRPCError("unexpected end of document") }
        return root
    }

    private func hasPrefix(_ s: StaticString) -> Bool {
        let n = s.utf8CodeUnitCount
        guard pos + n <= bytes.count else { return false }
        let p = s.utf8Start
        for i in 0..<n where bytes[pos + i] != p[i] { return false }
        return true
    }

    /// Index of the next occurrence of `s` at or after `pos`.
    private func find(_ s: StaticString) throws -> Int {
        let n = s.utf8CodeUnitCount
        let p = s.utf8Start
        var i = pos
        while i + n <= bytes.count {
            var match = true
            for k in 0..<n where bytes[i + k] != p[k] { match = false; break }
            if match { return i }
            i += 1
        }
        throw XMLRPCError("unexpected end of document")
    }

    private mutating func skipSpace() {
        while pos < bytes.count && isXMLSpace(bytes[pos]) { pos += 1 }
    }

    private mutating func expect(_ b: UInt8) throws {
        guard pos < bytes.count else { throw XMLRPCError("unexpected end of document") }
        guard bytes[pos] == b else { throw XMLRPCError("malformed tag") }
        pos += 1
    }

    private mutating func readName() throws -> String {
        let start = pos
        while pos < bytes.count {
            let b = bytes[pos]
            if isXMLSpace(b) || b == UInt8(ascii: ">") || b == UInt8(ascii: "/") || b == UInt8(ascii: "=")
                || b == UInt8(ascii: "<") || b == UInt8(ascii: "&") || b == UInt8(ascii: "\"") || b == UInt8(ascii: "'")
            { break }
            pos += 1
        }
        guard pos > start else {
            throw XMLRPCError(pos < bytes.count ? "malformed tag" : "unexpected end of document")
        }
        let name = bytes.withUnsafeBufferPointer { utf8String(UnsafeBufferPointer(rebasing: $0[start..<pos])) }
        guard let name else { throw XMLRPCError("invalid UTF-8") }
        return name
    }

    /// Skips `name="value"` pairs up to the end of a start tag; returns whether it was `/>`.
    private mutating func skipAttributes() throws -> Bool {
        while true {
            skipSpace()
            guard pos < bytes.count else { throw XMLRPCError("unexpected end of document") }
            switch bytes[pos] {
            case UInt8(ascii: ">"):
                pos += 1
                return false
            case UInt8(ascii: "/"):
                pos += 1
                try expect(UInt8(ascii: ">"))
                return true
            default:
                _ = try readName()
                skipSpace()
                try expect(UInt8(ascii: "="))
                skipSpace()
                guard pos < bytes.count else { throw XMLRPCError("unexpected end of document") }
                let quote = bytes[pos]
                guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else { throw XMLRPCError("malformed tag") }
                pos += 1
                while pos < bytes.count && bytes[pos] != quote {
                    if bytes[pos] == UInt8(ascii: "<") { throw XMLRPCError("malformed tag") }
                    pos += 1
                }
                try expect(quote)
            }
        }
    }

    /// Decodes `&name;` or `&#...;` at `pos`, appending the UTF-8 of the character.
    private mutating func readReference(into out: inout [UInt8]) throws {
        pos += 1
        let start = pos
        // The longest valid reference body is `#x10FFFF` (8 bytes); stop early on anything longer.
        while pos < bytes.count && bytes[pos] != UInt8(ascii: ";") && pos - start <= 8 { pos += 1 }
        guard pos < bytes.count else { throw XMLRPCError("unexpected end of document") }
        guard bytes[pos] == UInt8(ascii: ";") else { throw XMLRPCError("malformed entity reference") }
        let body = bytes[start..<pos]
        pos += 1
        switch Array(body) {
        case Array("amp".utf8): out.append(UInt8(ascii: "&"))
        case Array("lt".utf8): out.append(UInt8(ascii: "<"))
        case Array("gt".utf8): out.append(UInt8(ascii: ">"))
        case Array("quot".utf8): out.append(UInt8(ascii: "\""))
        case Array("apos".utf8): out.append(UInt8(ascii: "'"))
        default:
            guard body.first == UInt8(ascii: "#") else { throw XMLRPCError("undefined entity") }
            var digits = body.dropFirst()
            var radix: UInt32 = 10
            if digits.first == UInt8(ascii: "x") {
                radix = 16
                digits = digits.dropFirst()
            }
            guard !digits.isEmpty else { throw XMLRPCError("malformed character reference") }
            var value: UInt32 = 0
            for d in digits {
                guard let v = hexDigitValue(d), v < radix else { throw XMLRPCError("malformed character reference") }
                value = value * radix + v  // at most 7 digits, cannot overflow
            }
            guard value != 0, let scalar = Unicode.Scalar(value) else { throw XMLRPCError("invalid character reference") }
            out.append(contentsOf: String(Character(scalar)).utf8)
        }
    }
}

/// The bytes as a string, nil when they are not UTF-8. Names and text are nearly always
/// ASCII, which needs no validation; `String(validating:)` is generic and costs a type
/// metadata lookup per call, most of the parse of a multicall with thousands of calls.
private func utf8String(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
    if bytes.allSatisfy({ $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
    return String(validating: bytes, as: UTF8.self)
}

@inline(__always) private func hexDigitValue(_ b: UInt8) -> UInt32? {
    switch b {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(b - UInt8(ascii: "0"))
    case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(b - UInt8(ascii: "a") + 10)
    case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(b - UInt8(ascii: "A") + 10)
    default: nil
    }
}
