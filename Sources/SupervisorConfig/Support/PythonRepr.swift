/// Python's `repr()` of a string. Error messages quote values this way so they read exactly as
/// the reference's do (scripts and tests match on them).
public func pythonRepr(_ text: String) -> String {
    let quote: Character = text.contains("'") && !text.contains("\"") ? "\"" : "'"
    var body = ""
    for scalar in text.unicodeScalars {
        if let escaped = commonEscape(scalar, quote: quote) {
            body += escaped
            continue
        }
        switch scalar {
        case _ where isPrintable(scalar): body.unicodeScalars.append(scalar)
        case _ where scalar.value < 0x100: body += "\\x" + hex(scalar.value, digits: 2)
        case _ where scalar.value < 0x10000: body += "\\u" + hex(scalar.value, digits: 4)
        default: body += "\\U" + hex(scalar.value, digits: 8)
        }
    }
    return String(quote) + body + String(quote)
}

/// Python's `repr()` of bytes (`b'\x88\n'`): how the reference shows a child's output that
/// is not UTF-8 (`Undecodable: b'...'`).
public func pythonRepr(bytes: some Collection<UInt8>) -> String {
    let quote: Character = bytes.contains(UInt8(ascii: "'")) && !bytes.contains(UInt8(ascii: "\"")) ? "\"" : "'"
    var body = ""
    for byte in bytes {
        let scalar = Unicode.Scalar(byte)
        if let escaped = commonEscape(scalar, quote: quote) {
            body += escaped
        } else if (0x20..<0x7f).contains(byte) {
            body.unicodeScalars.append(scalar)
        } else {
            body += "\\x" + hex(UInt32(byte), digits: 2)
        }
    }
    return "b" + String(quote) + body + String(quote)
}

/// The escapes `repr()` writes the same way for strings and bytes.
private func commonEscape(_ scalar: Unicode.Scalar, quote: Character) -> String? {
    switch scalar {
    case "\\": "\\\\"
    case "\n": "\\n"
    case "\r": "\\r"
    case "\t": "\\t"
    case _ where Character(scalar) == quote: "\\" + String(quote)
    default: nil
    }
}

/// Python's `str.isprintable()` for one character: no controls, separators other than the
/// space, format characters or unassigned code points.
private func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
    if scalar == " " { return true }
    switch scalar.properties.generalCategory {
    case .control, .format, .surrogate, .privateUse, .unassigned,
         .spaceSeparator, .lineSeparator, .paragraphSeparator:
        return false
    default:
        return true
    }
}

private func hex(_ value: UInt32, digits: Int) -> String {
    let text = String(value, radix: 16)
    return String(repeating: "0", count: max(0, digits - text.count)) + text
}
