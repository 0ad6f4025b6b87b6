import Glibc
import SupervisorCommon
import SupervisorConfig

/// The daemon's own log (`[supervisord] logfile`), in the reference's format:
/// `2026-11-21 10:00:00,123 INFO spawned: 'web' with pid 42`.
public final class MainLog {
    public var level: LogLevel
    private var file: RotatingLogFile?
    /// In the foreground (`nodaemon` without `silent`) lines also go to stdout.
    private let echoToStdout: Bool
    /// `logfile=syslog`: messages go to syslog instead of a file.
    private let toSyslog: Bool

    public init(level: LogLevel, file: RotatingLogFile?, echoToStdout: Bool, toSyslog: Bool = false) {
        self.level = level
        self.file = file
        self.echoToStdout = echoToStdout
        self.toSyslog = toSyslog
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
        let line = Self.timestamp() + " " + level.name + " " + text + "\n"
        file?.write(line)
        if echoToStdout {
            var bytes = line
            bytes.withUTF8 { _ = Glibc.write(1, $0.baseAddress, $0.count) }
        }
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

    /// Local time with milliseconds, `%Y-%m-%d %H:%M:%S,mmm`.
    static func timestamp() -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        let millis = Int(now.tv_nsec / 1_000_000)
        let ms = millis < 10 ? "00\(millis)" : millis < 100 ? "0\(millis)" : "\(millis)"
        return LocalTime.format(now.tv_sec, "%Y-%m-%d %H:%M:%S") + "," + ms
    }
}
