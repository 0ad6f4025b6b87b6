/// Writes values in exactly the layout of Python's `xmlrpc.client.dumps`, which
/// is what the reference daemon and client put on the wire (newline after each
/// closing `</value>` except `<nil/>`, `<array><data>` on one line, and so on).
struct XMLRPCWriter {
    var bytes: [UInt8] = []

    mutating func write(_ s: String) { bytes.append(contentsOf: s.utf8) }

    /// Python's `escape`: only `&`, `<` and `>`; quotes are left alone.
    mutating func writeEscaped(_ s: String) {
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "&"): write("&amp;")
            case UInt8(ascii: "<"): write("&lt;")
            case UInt8(ascii: ">"): write("&gt;")
            default: bytes.append(b)
            }
        }
    }

    mutating func writeValue(_ value: XMLRPCValue) {
        switch value {
        case let .int(i):
            // Python refuses ints outside 32 bits; the reference caps the few it
            // knows may be large. We write the exact value, which Python's client reads fine.
            write("<value><int>\(i)</int></value>\n")
        case let .bool(b):
            write("<value><boolean>\(b ? "1" : "0")</boolean></value>\n")
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
