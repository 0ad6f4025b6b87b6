/// `ready=log:REGEX`: finds the first line of output that matches, across the chunks the
/// pipes deliver (a line may arrive in pieces; stdout and stderr are followed apart).
final class LineMatcher {
    private let regex: Regex<AnyRegexOutput>
    /// The unfinished line of each stream, bounded so a child that never writes a newline
    /// cannot grow it without end.
    private var pending: [OutputChannel: [UInt8]] = [:]
    static let maxLineBytes = 64 * 1024

    init(pattern: String) throws {
        regex = try Regex(pattern)
    }

    /// Feeds output; true once a complete line matched.
    func feed(_ bytes: UnsafeRawBufferPointer, stream: OutputChannel) -> Bool {
        var line = pending[stream] ?? []
        defer { pending[stream] = line }
        for byte in bytes {
            if byte == UInt8(ascii: "\n") {
                if matches(line) { return true }
                line.removeAll(keepingCapacity: true)
            } else if line.count < Self.maxLineBytes {
                line.append(byte)
            }
        }
        return false
    }

    private func matches(_ line: [UInt8]) -> Bool {
        let text = String(decoding: line.last == UInt8(ascii: "\r") ? line.dropLast() : line[...], as: UTF8.self)
        return (try? regex.firstMatch(in: text)) != nil
    }
}
