/// Log settings of one output channel (stdout or stderr) of a program.
public struct ChannelLogConfig: Equatable, Sendable {
    public var logfile: LogTarget
    public var maxBytes: Int
    public var backups: Int
    public var captureMaxBytes: Int
    public var eventsEnabled: Bool
    public var syslog: Bool
    /// Extensions `*_logfile_rotate`, `*_logfile_maxage`, `*_logfile_compress`.
    public var rotation = LogRotationPolicy()
    /// Extensions: timestamps, prefixes or JSON on each line written to the log file.
    public var lineStyle = LogLineStyle()

    public init(logfile: LogTarget = .automatic, maxBytes: Int = 50 * 1024 * 1024, backups: Int = 10,
                captureMaxBytes: Int = 0, eventsEnabled: Bool = false, syslog: Bool = false) {
        self.logfile = logfile
        self.maxBytes = maxBytes
        self.backups = backups
        self.captureMaxBytes = captureMaxBytes
        self.eventsEnabled = eventsEnabled
        self.syslog = syslog
    }
}
