import SupervisorCommon

/// A strftime format in local time with two additions: `%f`, milliseconds (3 digits), and `%:z`,
/// the UTC offset with a colon (`+01:00`, as RFC 3339 writes it). Parsed once; strftime runs
/// once a second at most, every other time the milliseconds are patched into the last text.
struct TimestampFormat {
    private enum Piece {
        case strftime(String)
        case milliseconds
        case offsetWithColon
    }

    private let pieces: [Piece]
    /// The text of `cachedSecond`, with `000` where the milliseconds go.
    private var cached: [UInt8] = []
    private var millisecondOffsets: [Int] = []
    private var cachedSecond = Int.min

    init(_ format: String) {
        var pieces: [Piece] = []
        var text = ""
        var characters = format[...]
        func endText() {
            if !text.isEmpty { pieces.append(.strftime(text)) }
            text = ""
        }
        while let character = characters.popFirst() {
            guard character == "%", let next = characters.first else {
                text.append(character)
                continue
            }
            if next == "f" {
                characters.removeFirst()
                endText()
                pieces.append(.milliseconds)
            } else if characters.hasPrefix(":z") {
                characters.removeFirst(2)
                endText()
                pieces.append(.offsetWithColon)
            } else {
                // `%%` and strftime's own conversions stay whole (`%%f` is a literal `%f`).
                characters.removeFirst()
                text += "%\(next)"
            }
        }
        endText()
        self.pieces = pieces
    }

    /// Appends the time `seconds` since the epoch (with its fraction) as this format writes it.
    mutating func append(_ seconds: Double, to out: inout [UInt8]) {
        let whole = Int(seconds.rounded(.down))
        if whole != cachedSecond { render(whole) }
        let start = out.count
        out += cached
        // A microsecond over: a Double near 1.7e9 holds the fraction to 0.25 µs, and .123 read
        // back as .12299999 must still be 123.
        let milliseconds = min(999, Int((seconds - Double(whole)) * 1000 + 0.001))
        for offset in millisecondOffsets {
            out[start + offset] = UInt8(ascii: "0") + UInt8(milliseconds / 100)
            out[start + offset + 1] = UInt8(ascii: "0") + UInt8(milliseconds / 10 % 10)
            out[start + offset + 2] = UInt8(ascii: "0") + UInt8(milliseconds % 10)
        }
    }

    private mutating func render(_ second: Int) {
        cached = []
        millisecondOffsets = []
        for piece in pieces {
            switch piece {
            case .strftime(let format):
                cached += LocalTime.format(second, format).utf8
            case .milliseconds:
                millisecondOffsets.append(cached.count)
                cached += "000".utf8
            case .offsetWithColon:
                var offset = Array(LocalTime.format(second, "%z").utf8)
                if offset.count == 5 { offset.insert(UInt8(ascii: ":"), at: 3) }
                cached += offset
            }
        }
        cachedSecond = second
    }
}
