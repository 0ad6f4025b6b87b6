import Glibc
import SupervisorCommon
import SupervisorConfig

/// The daemon's own log (`[supervisord] logfile`), in the reference's format:
/// `2026-11-21 10:00:00,123 INFO spawned: 'web' with pid 42`, or as JSON lines
/// (`logfile_format=json`): `{"time":"2026-11-21T10:00:00.123+01:00","level":"info","message":"…"}`.
public final class MainLog {
    public var level: LogLevel
    private let format: MainLogFormat
    /// Compresses the rotated files of the daemon's logs, its own and its children's.
    let compressor: LogCompressor?
    private var file: RotatingLogFile?
    /// In the foreground (`nodaemon` without `silent`) lines also go to stdout.
    private let echoToStdout: Bool
    /// `logfile=syslog`: messages go to syslog instead of a file.
    private let toSyslog: Bool
    /// The log file works again after failing: said in the file once the current line is in.
    private var resumedNoticePending = false
    private var timestamps = LogTimestamper()

    public init(level: LogLevel, file: RotatingLogFile?, echoToStdout: Bool, toSyslog: Bool = false,
                format: MainLogFormat = .text, compressor: LogCompressor? = nil) {
        self.level = level
        self.format = format
        self.compressor = compressor
        self.file = file
        self.echoToStdout = echoToStdout
        self.toSyslog = toSyslog
        file?.statusHandler = { [weak self] status in self?.ownFileStatusChanged(status) }
    }

    public var path: String? { file?.path }

    /// The log file, for live readers (`maintail -f`).
    public var logFile: RotatingLogFile? { file }

    public func isEnabled(_ level: LogLevel) -> Bool { level >= self.level }

    public func log(_ level: LogLevel, _ message: @autoclosure () -> String) {
        guard isEnabled(level) else { return }
        let text = message()
        if toSyslog {
            var bytes = level.name + " " + text
            bytes.withUTF8 { Syslog.send(UnsafeRawBufferPointer($0), prefix: nil) }
        }
        let line = self.line(level, text)
        file?.write(line)
        if echoToStdout { Self.writeAll(line, to: 1) }
        if resumedNoticePending, let path {
            resumedNoticePending = false
            info("resumed logging to \(path)")
        }
    }

    /// Reports the failures of a child's log file here: one error line when writing to it
    /// starts failing, one info line when it works again.
    public func reportStatus(of file: RotatingLogFile) {
        let path = file.path
        file.statusHandler = { [weak self] status in
            switch status {
            case .failing(let failure): self?.error("\(failure)")
            case .resumed: self?.info("resumed logging to \(path)")
            }
        }
    }

    /// This log's own file cannot report its failure in itself: it goes to stderr, once
    /// (the file reports once). Writing to the file here would re-enter its `write`, so
    /// the line saying it works again is written after the line that found out.
    private func ownFileStatusChanged(_ status: RotatingLogFile.Status) {
        switch status {
        case .failing(let failure): Self.writeAll(line(.error, "\(failure)"), to: 2)
        case .resumed: resumedNoticePending = true
        }
    }

    private func line(_ level: LogLevel, _ text: String) -> String {
        let now = LogClock.now()
        switch format {
        case .text:
            return timestamps.stamp(now) + " " + level.name + " " + text + "\n"
        case .json:
            return JSON.object([
                ("time", JSON.string(LocalTime.rfc3339(now))), ("level", JSON.string(level.configName)),
                ("message", JSON.string(text)),
            ]) + "\n"
        }
    }

    private static func writeAll(_ text: String, to fd: Int32) {
        var text = text
        text.withUTF8 { _ = Glibc.write(fd, $0.baseAddress, $0.count) }
    }

    public func critical(_ message: @autoclosure () -> String) { log(.critical, message()) }
    public func error(_ message: @autoclosure () -> String) { log(.error, message()) }
    public func warn(_ message: @autoclosure () -> String) { log(.warn, message()) }
    public func info(_ message: @autoclosure () -> String) { log(.info, message()) }
    public func debug(_ message: @autoclosure () -> String) { log(.debug, message()) }
    public func trace(_ message: @autoclosure () -> String) { log(.trace, message()) }
    public func blather(_ message: @autoclosure () -> String) { log(.blather, message()) }

    public func reopen() { file?.reopen() }
    public func clear() { file?.clear() }
    public func close() { file?.closeFile() }
}
