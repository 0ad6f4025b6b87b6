import SupervisorConfig

/// Command-line values that take precedence over `[supervisord]` keys, already
/// checked (the reference checks each as it reads the command line).
struct DaemonOverrides {
    var nodaemon = false
    var silent = false
    var nocleanup = false
    var stripAnsi = false
    var user: String?
    var umask: UInt32?
    var directory: String?
    var logfile: String?
    var logfileMaxBytes: Int?
    var logfileBackups: Int?
    var loglevel: LogLevel?
    var pidfile: String?
    var identifier: String?
    var childlogdir: String?
    var minfds: Int?
    var minprocs: Int?

    func apply(to config: inout Configuration) {
        if nodaemon { config.daemon.nodaemon = true }
        if silent { config.daemon.silent = true }
        if nocleanup { config.daemon.nocleanup = true }
        if stripAnsi { config.daemon.stripAnsi = true }
        if let user { config.daemon.user = user }
        if let umask { config.daemon.umask = umask }
        if let directory { config.daemon.directory = directory }
        if let logfile { config.daemon.logfile = logfile }
        if let logfileMaxBytes { config.daemon.logfileMaxBytes = logfileMaxBytes }
        if let logfileBackups { config.daemon.logfileBackups = logfileBackups }
        if let loglevel { config.daemon.loglevel = loglevel }
        if let pidfile { config.daemon.pidfile = pidfile }
        if let identifier { config.daemon.identifier = identifier }
        if let childlogdir { config.daemon.childlogdir = childlogdir }
        if let minfds { config.daemon.minfds = minfds }
        if let minprocs { config.daemon.minprocs = minprocs }
    }
}
