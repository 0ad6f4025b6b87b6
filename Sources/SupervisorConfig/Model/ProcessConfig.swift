

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
    /// Extension: when this process ends for good (FATAL, or an exit that is not
    /// restarted), the daemon stops everything and exits with its exit status.
    public var essential: Bool = false
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
