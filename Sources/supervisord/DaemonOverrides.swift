import SupervisorCommon
import SupervisorConfig
import SupervisorCore

/// Command-line values that take precedence over `[supervisord]` keys.
struct DaemonOverrides {
    var nodaemon: Bool
    var silent: Bool
    var user: String?
    var umask: String?
    var directory: String?
    var logfile: String?
    var logfileMaxbytes: String?
    var logfileBackups: String?
    var loglevel: String?
    var pidfile: String?
    var identifier: String?
    var childlogdir: String?
    var nocleanup: Bool
    var minfds: String?
    var minprocs: String?
    var stripAnsi: Bool

    func apply(to config: inout Configuration) throws {
        let environment = ProcessEnvironment.dictionary()
        var daemon = config.daemon
        do {
            if nodaemon { daemon.nodaemon = true }
            if silent { daemon.silent = true }
            if nocleanup { daemon.nocleanup = true }
            if stripAnsi { daemon.stripAnsi = true }
            if let user { daemon.user = user }
            if let umask { daemon.umask = try ValueParsers.octal(umask) }
            if let directory { daemon.directory = try ValueParsers.existingDirectory(directory, environment: environment) }
            if let logfile { daemon.logfile = try ValueParsers.existingDirectoryPath(logfile, environment: environment) }
            if let logfileMaxbytes { daemon.logfileMaxBytes = try ValueParsers.byteSize(logfileMaxbytes) }
            if let logfileBackups { daemon.logfileBackups = try ValueParsers.integer(logfileBackups) }
            if let loglevel { daemon.loglevel = try ValueParsers.logLevel(loglevel) }
            if let pidfile { daemon.pidfile = try ValueParsers.existingDirectoryPath(pidfile, environment: environment) }
            if let identifier { daemon.identifier = identifier }
            if let childlogdir { daemon.childlogdir = try ValueParsers.existingDirectory(childlogdir, environment: environment) }
            if let minfds { daemon.minfds = try ValueParsers.integer(minfds) }
            if let minprocs { daemon.minprocs = try ValueParsers.integer(minprocs) }
        } catch {
            // The value parsers throw only InvalidValue.
            throw ConfigError("command line: \(error.message)")
        }
        config.daemon = daemon
    }
}
