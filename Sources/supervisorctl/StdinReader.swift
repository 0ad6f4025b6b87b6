#if canImport(Glibc)
import Glibc
#endif

/// Line input from fd 0 without stdio, shared by the plain (non-terminal) shell
/// and `fg` so that bytes read ahead by one are not lost to the other.
enum StdinReader {
    private static var buffer: [UInt8] = []
    private static var atEnd = false

    /// A complete buffered line (without its newline), or at end of input the
    /// unterminated rest; nil when neither is available yet.
    static func takeLine() -> String? {
        if let newline = buffer.firstIndex(of: 0x0A) {
            let line = String(decoding: buffer[..<newline], as: UTF8.self)
            buffer.removeSubrange(...newline)
            return line
        }
        if atEnd && !buffer.isEmpty {
            defer { buffer.removeAll() }
            return String(decoding: buffer, as: UTF8.self)
        }
        return nil
    }

    static var isAtEnd: Bool { atEnd && buffer.isEmpty }

    /// One read(2); returns false at end of input. Throws `Interrupted` on Ctrl-C.
    @discardableResult
    static func fill() throws -> Bool {
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
            if n > 0 {
                buffer.append(contentsOf: chunk[..<n])
                return true
            }
            if n < 0 && errno == EINTR {
                try Interrupt.check()
                continue
            }
            atEnd = true
            return false
        }
    }

    /// Blocks for a whole line; nil at end of input.
    static func readLine() throws -> String? {
        while true {
            if let line = takeLine() { return line }
            if atEnd { return nil }
            try fill()
        }
    }
}
