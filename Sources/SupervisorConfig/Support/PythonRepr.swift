/// Python's `repr()` of a string. Error messages quote values this way so they read exactly as
/// the reference's do (scripts and tests match on them).
public func pythonRepr(_ text: String) -> String {
    let quote: Character = text.contains("'") && !text.contains("\"") ? "\"" : "'"
    var body = ""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\\": body += "\\\\"
        case "\n": body += "\\n"
        case "\r": body += "\\r"
        case "\t": body += "\\t"
        case _ where Character(scalar) == quote: body += "\\" + String(quote)
        case _ where isPrintable(scalar): body.unicodeScalars.append(scalar)
        case _ where scalar.value < 0x100: body += "\\x" + hex(scalar.value, digits: 2)
        case _ where scalar.value < 0x10000: body += "\\u" + hex(scalar.value, digits: 4)
        default: body += "\\U" + hex(scalar.value, digits: 8)
        }
    }
    return String(quote) + body + String(quote)
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
