/// The inside of JSON string literals, written from bytes: for the web UI's event stream and
/// for JSON log lines, which must not be broken by whatever a program prints.
public enum JSONString {
    /// Appends `bytes` escaped for use between the quotes of a JSON string: `"`, `\` and control
    /// characters escaped, and U+2028 and U+2029 too (JavaScript sources must not contain them
    /// raw). Bytes that are not UTF-8 become U+FFFD, one for each maximal invalid sequence, as
    /// Python's `errors="replace"` does. Returns false when something was replaced.
    @discardableResult
    public static func appendEscaped(_ bytes: UnsafeRawBufferPointer, to out: inout [UInt8]) -> Bool {
        var isUTF8 = true
        var index = 0
        var runStart = 0
        func flushRun() {
            if index > runStart { out.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[runStart..<index])) }
        }
        while index < bytes.count {
            while index + 8 <= bytes.count, isPlain(bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self)) {
                index += 8
            }
            // Fewer than 8 left: the last 8 bytes, which may overlap bytes looked at before,
            // rather than one byte at a time.
            if index + 8 > bytes.count && bytes.count >= 8
                && isPlain(bytes.loadUnaligned(fromByteOffset: bytes.count - 8, as: UInt64.self)) {
                index = bytes.count
            }
            guard index < bytes.count else { break }
            let byte = bytes[index]
            if byte >= 0x20 && byte < 0x80 && byte != quote && byte != backslash {
                index += 1
                continue
            }
            if byte >= 0x80 {
                let (length, valid) = utf8Sequence(bytes, at: index)
                if valid && !isLineOrParagraphSeparator(bytes, at: index) {
                    index += length
                    continue
                }
                flushRun()
                if valid {
                    out.append(contentsOf: bytes[index + 2] == 0xA8 ? lineSeparator : paragraphSeparator)
                } else {
                    out.append(contentsOf: replacementCharacter)
                    isUTF8 = false
                }
                index += length
                runStart = index
                continue
            }
            flushRun()
            appendEscape(of: byte, to: &out)
            index += 1
            runStart = index
        }
        flushRun()
        return isUTF8
    }

    /// A whole literal, quotes included.
    public static func quoted(_ text: String) -> String {
        var out: [UInt8] = [quote]
        var text = text
        text.withUTF8 { _ = appendEscaped(UnsafeRawBufferPointer($0), to: &out) }
        out.append(quote)
        return String(decoding: out, as: UTF8.self)
    }

    private static let quote = UInt8(ascii: "\"")
    private static let backslash = UInt8(ascii: "\\")
    private static let replacementCharacter: [UInt8] = [0xEF, 0xBF, 0xBD]
    private static let lineSeparator = Array("\\u2028".utf8)
    private static let paragraphSeparator = Array("\\u2029".utf8)
    private static let hexDigits = Array("0123456789abcdef".utf8)

    private static func appendEscape(of byte: UInt8, to out: inout [UInt8]) {
        switch byte {
        case quote, backslash: out += [backslash, byte]
        case UInt8(ascii: "\n"): out += [backslash, UInt8(ascii: "n")]
        case UInt8(ascii: "\r"): out += [backslash, UInt8(ascii: "r")]
        case UInt8(ascii: "\t"): out += [backslash, UInt8(ascii: "t")]
        default:
            out += [backslash, UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                    hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0xF)]]
        }
    }

    /// Whether eight bytes are all written as they are: ASCII, no control character, quote or
    /// backslash (tested together, as in "Bit Twiddling Hacks"; a rare false "no" only means the
    /// bytes are looked at one by one).
    private static func isPlain(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let high: UInt64 = 0x8080_8080_8080_8080
        func hasZeroByte(_ value: UInt64) -> Bool { (value &- ones) & ~value & high != 0 }
        return word & high == 0 && (word &- 0x20 &* ones) & ~word & high == 0
            && !hasZeroByte(word ^ (UInt64(quote) &* ones)) && !hasZeroByte(word ^ (UInt64(backslash) &* ones))
    }

    /// E2 80 A8 and E2 80 A9, valid UTF-8 that a JavaScript string may not hold raw.
    private static func isLineOrParagraphSeparator(_ bytes: UnsafeRawBufferPointer, at index: Int) -> Bool {
        bytes[index] == 0xE2 && bytes[index + 1] == 0x80 && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9)
    }

    /// The UTF-8 sequence starting at `index` (a byte of 0x80 or more): its length when valid,
    /// else the length of its maximal invalid part (the lead byte and the continuation bytes
    /// that were still possible), which is replaced as one.
    private static func utf8Sequence(_ bytes: UnsafeRawBufferPointer, at index: Int) -> (length: Int, valid: Bool) {
        let lead = bytes[index]
        // Continuation bytes needed, and the range of the first one (which excludes overlong
        // forms, surrogates and code points above U+10FFFF).
        let (needed, low, high): (Int, UInt8, UInt8) = switch lead {
        case 0xC2...0xDF: (1, 0x80, 0xBF)
        case 0xE0: (2, 0xA0, 0xBF)
        case 0xE1...0xEC, 0xEE...0xEF: (2, 0x80, 0xBF)
        case 0xED: (2, 0x80, 0x9F)
        case 0xF0: (3, 0x90, 0xBF)
        case 0xF1...0xF3: (3, 0x80, 0xBF)
        case 0xF4: (3, 0x80, 0x8F)
        default: (0, 0, 0)
        }
        guard needed > 0 else { return (1, false) }
        for offset in 1...needed {
            guard index + offset < bytes.count else { return (offset, false) }
            let byte = bytes[index + offset]
            let (lowest, highest) = offset == 1 ? (low, high) : (0x80, 0xBF)
            guard byte >= lowest && byte <= highest else { return (offset, false) }
        }
        return (needed + 1, true)
    }
}
