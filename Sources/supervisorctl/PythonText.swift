/// Small string helpers that reproduce how the reference (Python) formats text,
/// so our output is byte-for-byte the same.
enum PythonText {
    /// `str.split()` with no argument: split on runs of whitespace, dropping empties.
    static func split(_ s: some StringProtocol) -> [String] {
        String(s).split(whereSeparator: { $0.isWhitespace }).map { String($0) }
    }

    /// `str.strip()`.
    static func strip(_ s: some StringProtocol) -> String {
        let scalars = String(s).unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(String.UnicodeScalarView(scalars[first...last]))
    }

    /// `'%-Ns' % s`: pad on the right to `width` code points (Python's `len`).
    static func leftJustify(_ s: String, _ width: Int) -> String {
        let n = s.unicodeScalars.count
        return n >= width ? s : s + String(repeating: " ", count: width - n)
    }

    /// `repr(str)`, used where the reference prints Python exceptions verbatim.
    static func repr(_ s: String) -> String {
        let quote: Character = s.contains("'") && !s.contains("\"") ? "\"" : "'"
        var out = String(quote)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where Character(scalar) == quote: out += "\\" + String(quote)
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                out += "\\x" + hex(scalar.value, width: 2)
            default: out.unicodeScalars.append(scalar)
            }
        }
        out.append(quote)
        return out
    }

    private static func hex(_ v: UInt32, width: Int) -> String {
        let digits = String(v, radix: 16)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
