/// Cuts a stream of output into lines for `log` events: each complete line without its
/// newline; a partial line is held until its end comes, or given as it is once it grows
/// past `maxHeld` bytes (output that never ends a line still gets through).
struct LogLineSplitter {
    static let maxHeld = 4096
    private var held: [UInt8] = []

    mutating func lines(_ bytes: UnsafeRawBufferPointer) -> [[UInt8]] {
        var lines: [[UInt8]] = []
        var start = 0
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            held += bytes[start..<index]
            lines.append(held)
            held = []
            start = index + 1
        }
        held += bytes[start...]
        if held.count > Self.maxHeld {
            lines.append(held)
            held = []
        }
        return lines
    }
}
