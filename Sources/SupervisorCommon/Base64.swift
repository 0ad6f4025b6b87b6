/// Standard base64 (RFC 4648 alphabet, `=` padding), written out here to keep Foundation
/// out: the XML-RPC codec, HTTP basic auth and JSON log lines (`message_base64`) use it.
public enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// Encodes `data`; with `lineLength`, a newline follows every full line and the
    /// last partial one, as Python's `base64.encodebytes` lays it out.
    public static func encode(_ data: [UInt8], lineLength: Int? = nil) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity((data.count + 2) / 3 * 4 + data.count / 50 + 1)
        var lineUsed = 0
        var i = 0
        while i < data.count {
            let b0 = data[i]
            let b1 = i + 1 < data.count ? data[i + 1] : 0
            let b2 = i + 2 < data.count ? data[i + 2] : 0
            let quad: [UInt8] = [
                alphabet[Int(b0 >> 2)],
                alphabet[Int((b0 & 0x03) << 4 | b1 >> 4)],
                i + 1 < data.count ? alphabet[Int((b1 & 0x0F) << 2 | b2 >> 6)] : UInt8(ascii: "="),
                i + 2 < data.count ? alphabet[Int(b2 & 0x3F)] : UInt8(ascii: "="),
            ]
            out.append(contentsOf: quad)
            i += 3
            if let lineLength {
                lineUsed += 4
                if lineUsed >= lineLength {
                    out.append(0x0A)
                    lineUsed = 0
                }
            }
        }
        if lineLength != nil && lineUsed > 0 { out.append(0x0A) }
        return out
    }

    /// Decodes, ignoring whitespace (space, tab, CR, LF) anywhere; nil on any other invalid input.
    public static func decode<S: Sequence>(_ text: S) -> [UInt8]? where S.Element == UInt8 {
        var out: [UInt8] = []
        var accumulator: UInt32 = 0
        var count = 0  // sextets held in `accumulator`
        var padding = 0
        for c in text {
            if c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D { continue }
            if c == UInt8(ascii: "=") {
                padding += 1
                continue
            }
            guard padding == 0, let v = sextet(c) else { return nil }
            accumulator = accumulator << 6 | v
            count += 1
            if count == 4 {
                out.append(UInt8(truncatingIfNeeded: accumulator >> 16))
                out.append(UInt8(truncatingIfNeeded: accumulator >> 8))
                out.append(UInt8(truncatingIfNeeded: accumulator))
                accumulator = 0
                count = 0
            }
        }
        switch (count, padding) {
        case (0, 0): break
        case (2, 0), (2, 2):
            out.append(UInt8(truncatingIfNeeded: accumulator >> 4))
        case (3, 0), (3, 1):
            out.append(UInt8(truncatingIfNeeded: accumulator >> 10))
            out.append(UInt8(truncatingIfNeeded: accumulator >> 2))
        default: return nil
        }
        return out
    }

    private static func sextet(_ c: UInt8) -> UInt32? {
        switch c {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): UInt32(c - UInt8(ascii: "A"))
        case UInt8(ascii: "a")...UInt8(ascii: "z"): UInt32(c - UInt8(ascii: "a") + 26)
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(c - UInt8(ascii: "0") + 52)
        case UInt8(ascii: "+"): 62
        case UInt8(ascii: "/"): 63
        default: nil
        }
    }
}
