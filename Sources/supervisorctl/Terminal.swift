#if canImport(Glibc)
import Glibc
#endif

/// Terminal modes and the few questions asked with echo off.
enum Terminal {
    static var isInteractive: Bool { isatty(0) == 1 && isatty(1) == 1 }

    /// Columns of the terminal on stdout, 80 when unknown.
    static var width: Int { size.map { Int($0.ws_col) }.flatMap { $0 > 0 ? $0 : nil } ?? 80 }

    /// Lines of the terminal on stdout, 24 when unknown.
    static var height: Int { size.map { Int($0.ws_row) }.flatMap { $0 > 0 ? $0 : nil } ?? 24 }

    private static var size: winsize? {
        var size = winsize()
        guard ioctl(1, UInt(TIOCGWINSZ), &size) == 0 else { return nil }
        return size
    }

    /// Runs `body` with `fd` in raw mode (no echo, no line buffering, no signal
    /// keys), restoring the previous mode afterwards.
    static func withRawMode<T>(_ fd: Int32, _ body: () -> T) -> T {
        var saved = termios()
        guard tcgetattr(fd, &saved) == 0 else { return body() }
        var raw = saved
        raw.c_lflag &= ~tcflag_t(ECHO | ICANON | ISIG | IEXTEN)
        raw.c_iflag &= ~tcflag_t(IXON | ICRNL)
        withUnsafeMutableBytes(of: &raw.c_cc) { cc in
            cc[Int(VMIN)] = 1
            cc[Int(VTIME)] = 0
        }
        // TCSADRAIN, not TCSAFLUSH: keys typed ahead must not be thrown away.
        tcsetattr(fd, TCSADRAIN, &raw)
        defer { tcsetattr(fd, TCSADRAIN, &saved) }
        return body()
    }

    /// Like Python's `getpass`: prompt and read on the controlling terminal with
    /// echo off; without one, prompt on stderr and read stdin. Nil at end of input.
    static func readPassword(prompt: String) -> String? {
        Output.flush()
        let tty = open("/dev/tty", O_RDWR | O_CLOEXEC)
        guard tty >= 0 else {
            Output.error(prompt)
            return try? StdinReader.readLine()
        }
        defer { close(tty) }
        var saved = termios()
        let canControlEcho = tcgetattr(tty, &saved) == 0
        // Echo off (dropping what was typed before the prompt) and only then the prompt:
        // a password typed as soon as the prompt shows is neither echoed nor dropped.
        if canControlEcho {
            var quiet = saved
            quiet.c_lflag &= ~tcflag_t(ECHO)
            tcsetattr(tty, TCSAFLUSH, &quiet)
        }
        Output.writeAll(fd: tty, Array(prompt.utf8))
        defer {
            if canControlEcho { tcsetattr(tty, TCSAFLUSH, &saved) }
            Output.writeAll(fd: tty, [0x0A])
        }
        var line: [UInt8] = []
        var byte: UInt8 = 0
        while true {
            let n = read(tty, &byte, 1)
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return line.isEmpty ? nil : String(decoding: line, as: UTF8.self) }
            if byte == 0x0A || byte == 0x0D { return String(decoding: line, as: UTF8.self) }
            line.append(byte)
        }
    }
}
