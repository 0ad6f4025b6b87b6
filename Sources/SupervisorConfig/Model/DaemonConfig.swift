/// The `[supervisord]` section, with the reference's defaults.
public struct DaemonConfig: Equatable, Sendable {
    /// A path, made absolute against the working directory as the reference does (write
    /// `%(here)s/...` for the config's directory); `/dev/stdout` and the like are allowed, and
    /// `syslog` means the syslog service.
    public var logfile: String = "supervisord.log"
    public var logfileMaxBytes: Int = 50 * 1024 * 1024
    public var logfileBackups: Int = 10
    public var loglevel: LogLevel = .info
    /// Absolute, like `logfile`.
    public var pidfile: String = "supervisord.pid"
    public var umask: UInt32 = 0o022
    public var nodaemon: Bool = false
    public var silent: Bool = false
    public var minfds: Int = 1024
    public var minprocs: Int = 200
    public var nocleanup: Bool = false
    public var childlogdir: String = "/tmp"
    public var user: String?
    /// `user` looked up in the password database.
    public var userSpec: UserSpec?
    public var directory: String?
    public var stripAnsi: Bool = false
    /// Extension `cgroups`: a cgroup per process (cgroup v2).
    public var cgroups: CgroupMode = .off
    /// Extension `reap_unknown_loglevel`: the level of `reaped unknown pid` lines; nil
    /// means debug when the daemon adopts orphans (PID 1, `--subreaper`), else info.
    public var reapUnknownLoglevel: LogLevel?
    /// Extensions `logfile_rotate`, `logfile_maxage`, `logfile_compress` and `logfile_format`.
    public var logfileRotation = LogRotationPolicy()
    public var logfileFormat: MainLogFormat = .text
    public var environment: [EnvironmentVariable] = []
    public var identifier: String = "supervisor"

    public init() {}
}
