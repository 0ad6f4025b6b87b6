import CSupervisor

/// The inside of JSON string literals, written from bytes: for the web UI's event stream and
/// for JSON log lines, which must not be broken by whatever a program prints.
public enum JSONString {
    /// Appends `bytes` escaped for use between the quotes of a JSON string (see `escape`).
    /// Returns false when something was replaced.
    @discardableResult
    public static func appendEscaped(_ bytes: UnsafeRawBufferPointer, to out: inout [UInt8]) -> Bool {
        var isUTF8 = true
        let start = out.count
        out.append(contentsOf: repeatElement(0, count: escapedCapacity(bytes.count)))
        let written = out.withUnsafeMutableBytes { room in
            let escaped = escape(bytes, to: room.baseAddress! + start)
            isUTF8 = escaped.isUTF8
            return escaped.count
        }
        out.removeLast(out.count - start - written)
        return isUTF8
    }

    /// The most bytes `escape` writes for `count` bytes: a control character becomes `\u00XX`.
    public static func escapedCapacity(_ count: Int) -> Int { count * 6 }

    /// Writes `bytes` escaped for use between the quotes of a JSON string to `out`, which has
    /// room for `escapedCapacity(bytes.count)` bytes: `"`, `\` and control characters escaped,
    /// and U+2028 and U+2029 too (JavaScript sources must not contain them raw). Bytes that
    /// are not UTF-8 become U+FFFD, one for each maximal invalid sequence, as Python's
    /// `errors="replace"` does. Returns how many bytes it wrote, and false when something was
    /// replaced. Runs of bytes written as they are (most of a log line) are found 16 at a time
    /// (`sv_json_plain_length`) and copied at once: this is the inner loop of JSON log lines.
    public static func escape(_ bytes: UnsafeRawBufferPointer, to out: UnsafeMutableRawPointer) -> (count: Int, isUTF8: Bool) {
        guard let base = bytes.baseAddress else { return (0, true) }
        var isUTF8 = true
        var written = 0
        var index = 0
        var runStart = 0
        func endRun() {
            (out + written).copyMemory(from: base + runStart, byteCount: index - runStart)
            written += index - runStart
        }
        func put(_ text: StaticString) {
            (out + written).copyMemory(from: text.utf8Start, byteCount: text.utf8CodeUnitCount)
            written += text.utf8CodeUnitCount
        }
        while index < bytes.count {
            index += sv_json_plain_length(base.assumingMemoryBound(to: UInt8.self) + index, bytes.count - index)
            guard index < bytes.count else { break }
            let byte = bytes[index]
            if byte >= 0x80 {
                let (length, valid) = utf8Sequence(bytes, at: index)
                if valid && !isLineOrParagraphSeparator(bytes, at: index) {
                    index += length
                    continue
                }
                endRun()
                if !valid {
                    put("\u{FFFD}")
                    isUTF8 = false
                } else if bytes[index + 2] == 0xA8 {
                    put("\\u2028")
                } else {
                    put("\\u2029")
                }
                index += length
                runStart = index
                continue
            }
            endRun()
            switch byte {
            case quote: put("\\\"")
            case backslash: put("\\\\")
            case UInt8(ascii: "\n"): put("\\n")
            case UInt8(ascii: "\r"): put("\\r")
            case UInt8(ascii: "\t"): put("\\t")
            default:
                put("\\u00")
                out.storeBytes(of: hexDigits.utf8Start[Int(byte >> 4)], toByteOffset: written, as: UInt8.self)
                out.storeBytes(of: hexDigits.utf8Start[Int(byte & 0xF)], toByteOffset: written + 1, as: UInt8.self)
                written += 2
            }
            index += 1
            runStart = index
        }
        endRun()
        return (written, isUTF8)
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
    private static let hexDigits: StaticString = "0123456789abcdef"

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
