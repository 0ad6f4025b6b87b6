import SupervisorCommon

/// Where encoded XML goes: a byte array, or (in the server) the network buffer itself,
/// so a large answer is written once rather than built and then copied.
public protocol XMLRPCOutput {
    mutating func appendBytes(_ bytes: UnsafeRawBufferPointer)
}

extension Array: XMLRPCOutput where Element == UInt8 {
    @inlinable
    public mutating func appendBytes(_ bytes: UnsafeRawBufferPointer) { append(contentsOf: bytes) }
}

/// Writes values in exactly the layout of Python's `xmlrpc.client.dumps`, which
/// is what the reference daemon and client put on the wire (newline after each
/// closing `</value>` except `<nil/>`, `<array><data>` on one line, and so on).
/// Inlinable, so that each output type gets its own specialized copy.
extension XMLRPCOutput {
    /// Markup is constant text: copied straight from the binary.
    @inlinable
    mutating func write(_ s: StaticString) {
        s.withUTF8Buffer { appendBytes(UnsafeRawBufferPointer($0)) }
    }

    /// Text that needs no escaping (numbers spelled out).
    @inlinable
    mutating func writeText(_ s: String) {
        var s = s
        s.withUTF8 { appendBytes(UnsafeRawBufferPointer($0)) }
    }

    /// Decimal digits without building a String.
    @inlinable
    mutating func write(_ number: Int) {
        var magnitude = number.magnitude
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 21) { digits in
            var start = digits.count
            repeat {
                start -= 1
                digits[start] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            if number < 0 {
                start -= 1
                digits[start] = UInt8(ascii: "-")
            }
            appendBytes(UnsafeRawBufferPointer(UnsafeMutableBufferPointer(rebasing: digits[start...])))
        }
    }

    /// Python's `escape`: only `&`, `<` and `>`; quotes are left alone. Runs without those
    /// characters (nearly all text) are copied in one piece.
    @inlinable
    mutating func writeEscaped(_ s: String) {
        var s = s
        s.withUTF8 { text in
            var runStart = 0
            var index = XMLEscaping.firstSpecial(in: text, from: 0)
            while index < text.count {
                let replacement: StaticString
                switch text[index] {
                case UInt8(ascii: "&"): replacement = "&amp;"
                case UInt8(ascii: "<"): replacement = "&lt;"
                default: replacement = "&gt;"
                }
                appendBytes(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: text[runStart..<index])))
                write(replacement)
                runStart = index + 1
                index = XMLEscaping.firstSpecial(in: text, from: runStart)
            }
            appendBytes(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: text[runStart...])))
        }
    }

    // Writing a large answer piece by piece, without building its values first. Member
    // names are the caller's literals and must not need escaping.

    @inlinable
    public mutating func writeArrayStart() { write("<value><array><data>\n") }

    @inlinable
    public mutating func writeArrayEnd() { write("</data></array></value>\n") }

    @inlinable
    public mutating func writeStructStart() { write("<value><struct>\n") }

    @inlinable
    public mutating func writeStructEnd() { write("</struct></value>\n") }

    @inlinable
    public mutating func writeMember(_ name: StaticString, _ value: Int) {
        write("<member>\n<name>")
        write(name)
        write("</name>\n<value><int>")
        write(value)
        write("</int></value>\n</member>\n")
    }

    @inlinable
    public mutating func writeMember(_ name: StaticString, _ value: String) {
        write("<member>\n<name>")
        write(name)
        write("</name>\n<value><string>")
        writeEscaped(value)
        write("</string></value>\n</member>\n")
    }

    @inlinable
    public mutating func writeValue(_ value: XMLRPCValue) {
        switch value {
        case let .int(i):
            // Python refuses ints outside 32 bits; the reference caps the few it
            // knows may be large. We write the exact value, which Python's client reads fine.
            write("<value><int>")
            write(i)
            write("</int></value>\n")
        case let .bool(b):
            write(b ? "<value><boolean>1</boolean></value>\n" as StaticString : "<value><boolean>0</boolean></value>\n")
        case let .string(s):
            write("<value><string>")
            writeEscaped(s)
            write("</string></value>\n")
        case let .double(d):
            write("<value><double>")
            writeText(pythonRepr(d))
            write("</double></value>\n")
        case let .dateTime(s):
            write("<value><dateTime.iso8601>")
            writeEscaped(s)
            write("</dateTime.iso8601></value>\n")
        case let .base64(data):
            write("<value><base64>\n")
            Base64.encode(data, lineLength: 76).withUnsafeBytes { appendBytes($0) }
            write("</base64></value>\n")
        case let .array(items):
            writeArrayStart()
            for item in items { writeValue(item) }
            writeArrayEnd()
        case let .struct(members):
            writeStructStart()
            for (name, member) in members {
                write("<member>\n<name>")
                writeEscaped(name)
                write("</name>\n")
                writeValue(member)
                write("</member>\n")
            }
            writeStructEnd()
        case .nil:
            write("<value><nil/></value>")
        }
    }
}

/// Finding the characters XML text must escape, eight bytes at a time.
@usableFromInline
enum XMLEscaping {
    /// The index of the first `&`, `<` or `>` at or after `start`; `text.count` when none.
    @inlinable
    static func firstSpecial(in text: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        if let base = text.baseAddress {
            while index + 8 <= text.count {
                let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                if hasSpecial(word) { break }
                index += 8
            }
        }
        while index < text.count {
            let byte = text[index]
            // '<' (0x3C) and '>' (0x3E) differ only in bit 1.
            if byte == UInt8(ascii: "&") || byte | 2 == UInt8(ascii: ">") { return index }
            index += 1
        }
        return index
    }

    /// Whether any byte of `word` is `&`, `<` or `>` (the classic "has a zero byte" test
    /// on the word xor-ed with each pattern; '<' and '>' are folded by setting bit 1).
    @inlinable
    static func hasSpecial(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        func hasZeroByte(_ v: UInt64) -> Bool { (v &- ones) & ~v & highs != 0 }
        return hasZeroByte(word ^ (ones &* 0x26)) || hasZeroByte((word | (ones &* 2)) ^ (ones &* 0x3E))
    }
}

/// Python's `repr(float)`. Swift's `description` already yields the shortest
/// round-tripping digits; only the choice between fixed and exponent notation
/// (Python: exponent when the decimal exponent is < -4 or >= 16) and the
/// spelling of non-finite values differ, so the digits are re-laid out here.
@usableFromInline
func pythonRepr(_ d: Double) -> String {
    if d.isNaN { return "nan" }
    if d.isInfinite { return d < 0 ? "-inf" : "inf" }
    if d == 0 { return d.sign == .minus ? "-0.0" : "0.0" }
    // Split Swift's text into significant digits and the exponent of the first digit.
    var text = Substring(d.magnitude.description)
    var exponent = 0
    if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
        exponent = Int(text[text.index(after: e)...]) ?? 0
        text = text[..<e]
    }
    let dot = text.firstIndex(of: ".") ?? text.endIndex
    exponent += text.distance(from: text.startIndex, to: dot) - 1
    var digits = Array(text.filter { $0 != "." })
    while digits.first == "0" {
        digits.removeFirst()
        exponent -= 1
    }
    while digits.count > 1 && digits.last == "0" { digits.removeLast() }

    var out = d.sign == .minus ? "-" : ""
    if exponent < -4 || exponent >= 16 {
        out.append(digits[0])
        if digits.count > 1 { out += "." + String(digits[1...]) }
        out += exponent < 0 ? "e-" : "e+"
        let magnitude = String(abs(exponent))
        out += magnitude.count < 2 ? "0" + magnitude : magnitude
    } else if exponent < 0 {
        out += "0." + String(repeating: "0", count: -exponent - 1) + String(digits)
    } else if digits.count > exponent + 1 {
        out += String(digits[...exponent]) + "." + String(digits[(exponent + 1)...])
    } else {
        out += String(digits) + String(repeating: "0", count: exponent + 1 - digits.count) + ".0"
    }
    return out
}
