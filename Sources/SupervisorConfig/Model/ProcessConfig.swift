/// Where a child's stdout or stderr goes, as written in `stdout_logfile=`.
public enum LogTarget: Equatable, Sendable {
    /// `AUTO` (the default): a file created in `childlogdir`, removed at startup unless `nocleanup`.
    case automatic
    /// `NONE` (or an empty value): output is read and discarded.
    case none
    /// A path, which may be a non-seekable target such as `/dev/stdout`.
    case path(String)
}

/// `autorestart=`: when a process that left RUNNING is started again.
public enum AutoRestart: String, Equatable, Sendable {
    case never = "false"
    case unexpected
    case always = "true"
}

/// Log settings of one output channel (stdout or stderr) of a program.
public struct ChannelLogConfig: Equatable, Sendable {
    public var logfile: LogTarget
    public var maxBytes: Int
    public var backups: Int
    public var captureMaxBytes: Int
    public var eventsEnabled: Bool
    public var syslog: Bool

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

/// A user resolved at parse time, as the reference does with `name_to_uid`.
public struct UserSpec: Equatable, Sendable {
    /// The name or number as written in the config.
    public var name: String
    public var uid: UInt32
    /// The primary group of the user (from the password database); nil when the uid has no entry.
    public var gid: UInt32?

    public init(name: String, uid: UInt32, gid: UInt32?) {
        self.name = name
        self.uid = uid
        self.gid = gid
    }
}

/// One process to run: a `[program:x]` section yields `numprocs` of these.
/// Equality decides whether `reread`/`update` treat a group as changed.
public struct ProcessConfig: Equatable, Sendable {
    public var name: String
    /// The command line after `%(...)` expansion, not yet split into words.
    public var command: String
    public var directory: String?
    public var umask: UInt32?
    public var priority: Int = 999
    public var autostart: Bool = true
    public var autorestart: AutoRestart = .unexpected
    public var startsecs: Int = 1
    public var startretries: Int = 3
    public var user: UserSpec?
    public var stdout = ChannelLogConfig()
    public var stderr = ChannelLogConfig()
    public var redirectStderr: Bool = false
    public var stopsignal: Int32 = 15
    public var stopwaitsecs: Int = 10
    public var stopasgroup: Bool = false
    public var killasgroup: Bool = false
    public var exitcodes: [Int] = [0]
    /// Variables from `[supervisord] environment` merged with the program's own, in file order.
    public var environment: [EnvironmentVariable] = []
    /// nil means the daemon's own URL (`serverurl=AUTO` or unset).
    public var serverurl: String?

    public init(name: String, command: String) {
        self.name = name
        self.command = command
    }
}

public struct EnvironmentVariable: Equatable, Sendable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}
