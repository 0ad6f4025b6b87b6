/// Writes values in exactly the layout of Python's `xmlrpc.client.dumps`, which
/// is what the reference daemon and client put on the wire (newline after each
/// closing `</value>` except `<nil/>`, `<array><data>` on one line, and so on).
struct XMLRPCWriter {
    var bytes: [UInt8]

    /// `capacity`: a guess of the output size, to spare regrowing large responses.
    init(capacity: Int = 1024) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    mutating func write(_ s: String) { bytes.append(contentsOf: s.utf8) }

    /// Markup is constant text: copied straight from the binary.
    mutating func write(_ s: StaticString) {
        s.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Decimal digits without building a String.
    mutating func write(_ number: Int) {
        if number < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = number.magnitude
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var start = digits.count
            repeat {
                start -= 1
                digits[start] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: digits[start...]))
        }
    }

    /// Python's `escape`: only `&`, `<` and `>`; quotes are left alone. Runs without those
    /// characters (nearly all text) are copied in one piece.
    mutating func writeEscaped(_ s: String) {
        var s = s
        s.withUTF8 { text in
            var runStart = 0
            for index in 0..<text.count {
                let replacement: StaticString
                switch text[index] {
                case UInt8(ascii: "&"): replacement = "&amp;"
                case UInt8(ascii: "<"): replacement = "&lt;"
                case UInt8(ascii: ">"): replacement = "&gt;"
                default: continue
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[runStart..<index]))
                replacement.withUTF8Buffer { bytes.append(contentsOf: $0) }
                runStart = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[runStart...]))
        }
    }

    mutating func writeValue(_ value: XMLRPCValue) {
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
            write("<value><double>\(pythonRepr(d))</double></value>\n")
        case let .dateTime(s):
            write("<value><dateTime.iso8601>")
            writeEscaped(s)
            write("</dateTime.iso8601></value>\n")
        case let .base64(data):
            write("<value><base64>\n")
            bytes.append(contentsOf: Base64.encode(data, lineLength: 76))
            write("</base64></value>\n")
        case let .array(items):
            write("<value><array><data>\n")
            for item in items { writeValue(item) }
            write("</data></array></value>\n")
        case let .struct(members):
            write("<value><struct>\n")
            for (name, member) in members {
                write("<member>\n<name>")
                writeEscaped(name)
                write("</name>\n")
                writeValue(member)
                write("</member>\n")
            }
            write("</struct></value>\n")
        case .nil:
            write("<value><nil/></value>")
        }
    }
}

/// Python's `repr(float)`. Swift's `description` already yields the shortest
/// round-tripping digits; only the choice between fixed and exponent notation
/// (Python: exponent when the decimal exponent is < -4 or >= 16) and the
/// spelling of non-finite values differ, so the digits are re-laid out here.
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
