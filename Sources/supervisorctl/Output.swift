#if canImport(Glibc)
import Glibc
#endif

/// Buffered writes to stdout/stderr straight through file descriptors, so the
/// binary needs neither Foundation nor stdio locking. `flush` must run before
/// anything that waits (a prompt, a network read in a stream) and before exit.
enum Output {
    private static var buffer: [UInt8] = []
    /// On a terminal each line shows up as soon as it is written (as Python's
    /// line-buffered stdout does), e.g. while `restart all` works through a list.
    private static let lineBuffered = isatty(1) == 1

    /// One line, as the reference's `ctl.output()` writes it.
    static func line(_ s: String) {
        write(s)
        buffer.append(0x0A)
        if lineBuffered { flush() }
    }

    static func write(_ s: String) {
        buffer.append(contentsOf: s.utf8)
        if buffer.count > 1 << 16 { flush() }
    }

    static func write(bytes: some Collection<UInt8>) {
        buffer.append(contentsOf: bytes)
        flush()
    }

    static func flush() {
        writeAll(fd: 1, buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    /// Unbuffered, for diagnostics that the reference writes to stderr.
    static func error(_ s: String) {
        flush()
        writeAll(fd: 2, Array(s.utf8))
    }

    static func writeAll(fd: Int32, _ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                return  // stdout closed (e.g. piped into `head`): nothing useful to do
            }
            offset += n
        }
    }
}
