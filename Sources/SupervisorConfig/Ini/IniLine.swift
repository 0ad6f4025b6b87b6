import Glibc
import SupervisorCommon

/// One physical line of a config file, as UTF-8 bytes (without its line ending), examined in
/// place: a line that is a comment or blank is recognised without ever being copied, so reading
/// a file costs a scan of its bytes (`memchr` for the markers) however long its lines are.
/// Positions are byte offsets; the text is valid UTF-8 (the file was decoded with repair).
struct IniLine {
    let bytes: UnsafeBufferPointer<UInt8>
    /// The offset of the line's first byte in the file, and of the byte after its last.
    let start: Int
    let end: Int
    /// Whether a line ending followed it (the last line of a file may have none).
    let terminated: Bool

    /// The lines of `bytes`, split at `\n`, `\r\n` and `\r` as Python's universal newlines split them.
    static func lines(of bytes: UnsafeBufferPointer<UInt8>, _ body: (IniLine) throws -> Void) rethrows {
        var start = 0
        var newline = -1
        while start < bytes.count {
            if newline < start {
                newline = find(UInt8(ascii: "\n"), in: bytes, from: start, to: bytes.count) ?? bytes.count
            }
            // A lone `\r` ends a line too. Each byte is searched once for each kind of line ending:
            // `\n` up to the next one (reused by the lines a lone `\r` ends before it), `\r` up to it.
            let end = find(UInt8(ascii: "\r"), in: bytes, from: start, to: newline) ?? newline
            var next = end + 1
            if end < bytes.count && bytes[end] == UInt8(ascii: "\r") && next < bytes.count
                && bytes[next] == UInt8(ascii: "\n") {
                next += 1
            }
            try body(IniLine(bytes: bytes, start: start, end: end, terminated: end < bytes.count))
            start = next
        }
    }

    /// The offset of the first non-whitespace character, or `end` when there is none.
    var firstNonWhitespace: Int {
        var index = start
        while index < end, let width = whitespaceWidth(at: index) { index += width }
        return index
    }

    /// How far the line is indented, counted in characters (code points) as the reference counts.
    var indent: Int {
        bytes[start..<firstNonWhitespace].reduce(0) { count, byte in count + (isContinuation(byte) ? 0 : 1) }
    }

    /// Where a comment begins, or nil. Whole-line comments start with `;` or `#`; inline ones need
    /// whitespace before the marker. The search mirrors the reference: each round looks at the next
    /// occurrence of each marker, and the first round that finds a qualifying one decides.
    var commentStart: Int? {
        let first = firstNonWhitespace
        if first < end && (bytes[first] == UInt8(ascii: ";") || bytes[first] == UInt8(ascii: "#")) { return start }
        var searchFrom: [(marker: UInt8, from: Int)] = [(UInt8(ascii: ";"), start), (UInt8(ascii: "#"), start)]
        while !searchFrom.isEmpty {
            var found: Int?
            var next: [(marker: UInt8, from: Int)] = []
            for (marker, from) in searchFrom {
                guard let index = IniLine.find(marker, in: bytes, from: from, to: end) else { continue }
                next.append((marker, index + 1))
                if index == start || followsWhitespace(index) {
                    found = min(found ?? index, index)
                }
            }
            if let found { return found }
            searchFrom = next
        }
        return nil
    }

    /// The text before `limit` with surrounding whitespace removed: what the line says.
    func content(before limit: Int) -> String {
        var last = limit
        while last > start, let width = whitespaceWidth(endingAt: last) { last -= width }
        let first = min(firstNonWhitespace, last)
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[first..<last]), as: UTF8.self)
    }

    /// How the reference quotes the line in messages: as read, with its line ending (as `\n`).
    var quoted: String {
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        return pythonRepr(terminated ? text + "\n" : text)
    }

    private func followsWhitespace(_ index: Int) -> Bool {
        whitespaceWidth(endingAt: index) != nil
    }

    /// The byte length of the whitespace character at `index`, or nil when it is not whitespace.
    private func whitespaceWidth(at index: Int) -> Int? {
        let byte = bytes[index]
        if byte < 0x80 { return IniLine.isASCIIWhitespace(byte) ? 1 : nil }
        var width = 1
        while index + width < end && isContinuation(bytes[index + width]) { width += 1 }
        return scalar(index..<index + width)?.properties.isWhitespace == true ? width : nil
    }

    /// The byte length of the whitespace character that ends just before `index`, or nil.
    private func whitespaceWidth(endingAt index: Int) -> Int? {
        let byte = bytes[index - 1]
        if byte < 0x80 { return IniLine.isASCIIWhitespace(byte) ? 1 : nil }
        var first = index - 1
        while first > start && isContinuation(bytes[first]) { first -= 1 }
        return scalar(first..<index)?.properties.isWhitespace == true ? index - first : nil
    }

    private func scalar(_ range: Range<Int>) -> Unicode.Scalar? {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self).unicodeScalars.first
    }

    private func isContinuation(_ byte: UInt8) -> Bool { byte & 0xC0 == 0x80 }

    /// Tab, line feed, vertical tab, form feed, carriage return and space: Swift's (and Unicode's)
    /// whitespace below 0x80.
    private static func isASCIIWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0D).contains(byte)
    }

    /// The offset of the first `byte` in `from..<to`, found with `memchr`.
    private static func find(_ byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Int? {
        guard from < to, let base = bytes.baseAddress else { return nil }
        guard let found = memchr(base + from, Int32(byte), to - from) else { return nil }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }
}
