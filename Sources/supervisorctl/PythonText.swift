/// Small string helpers that reproduce how the reference (Python) formats text,
/// so our output is byte-for-byte the same.
enum PythonText {
    /// `str.split()` with no argument: split on runs of whitespace, dropping empties.
    static func split(_ s: some StringProtocol) -> [String] {
        String(s).split(whereSeparator: { $0.isWhitespace }).map { String($0) }
    }

    /// `'%-Ns' % s`: pad on the right to `width` code points (Python's `len`).
    static func leftJustify(_ s: String, _ width: Int) -> String {
        let n = s.unicodeScalars.count
        return n >= width ? s : s + String(repeating: " ", count: width - n)
    }
}
