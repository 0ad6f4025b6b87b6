/// What a `ProcessConfig` holds: one process's settings, read through `ProcessConfig`
/// (`config.command`, `config.stdout.logfile`, ...).
public struct ProcessSettings: Equatable, Sendable {
    public var name: String
    /// The `x` of its `[program:x]` section (what `depends_on` names).
    public var programName: String = ""
    /// The command line after `%(...)` expansion, not yet split into words.
    public var command: String
    public var directory: String?
    public var umask: UInt32?
    public var priority: Int = 999
    public var autostart: Bool = true
    public var autorestart: AutoRestart = .unexpected
    public var startsecs: Int = 1
    /// `Int.max` for `startretries=infinite` (extension).
    public var startretries: Int = 3
    /// Extension `restart_delay`: seconds before an automatic restart after an exit from RUNNING.
    public var restartDelay: Double = 0
    /// Extension `restart_delay_max`: when above `restartDelay`, consecutive delays double up to it.
    public var restartDelayMax: Double = 0
    /// Extensions `memory_limit*`, `memory_max`, `cpu_max`, `pids_max`.
    public var limits = ResourceLimits()
    /// Extension `environment_file`: dotenv files read at every spawn, in order.
    public var environmentFiles: [EnvironmentFile] = []
    public var user: UserSpec?
    public var stdout = ChannelLogConfig()
    public var stderr = ChannelLogConfig()
    public var redirectStderr: Bool = false
    /// Extension: when this process ends for good (FATAL, or an exit that is not
    /// restarted), the daemon stops everything and exits with its exit status.
    public var essential: Bool = false
    /// Extension `depends_on`: programs that must meet a condition before this one is spawned.
    public var dependsOn: [Dependency] = []
    /// Extension `ready`: what makes STARTING become RUNNING instead of `startsecs`.
    public var ready: ReadinessConfig?
    /// Extension `healthcheck`: a check repeated while RUNNING.
    public var healthcheck: HealthCheckConfig?
    /// Extension `watchdog_sec`: seconds allowed between `WATCHDOG=1` pings on
    /// `$NOTIFY_SOCKET` while RUNNING; missing one takes the healthcheck action.
    public var watchdogSeconds: Double?
    public var stopsignal: Int32 = 15
    public var stopwaitsecs: Int = 10
    public var stopasgroup: Bool = false
    public var killasgroup: Bool = false
    public var exitcodes: [Int] = [0]
    /// `[supervisord] environment`: under the environment files and the program's own variables.
    public var supervisordEnvironment: [EnvironmentVariable] = []
    /// The program's own `environment`, in file order: over everything else the config sets.
    public var environment: [EnvironmentVariable] = []
    /// nil means the daemon's own URL (`serverurl=AUTO` or unset).
    public var serverurl: String?

    public init(name: String, command: String) {
        self.name = name
        self.command = command
    }
}
