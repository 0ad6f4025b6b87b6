import Glibc
import SupervisorCommon

extension DaemonConfig {
    /// Reads `[supervisord]`. Log and pid file paths come out absolute (relative ones against the
    /// working directory, as the reference resolves them), except the special log target `syslog`.
    /// `user` is looked up by the loader at the very end, as late as the reference does it.
    static func read(_ reader: SectionReader, warnings: inout [String]) throws -> DaemonConfig {
        let section = reader.offeringHere(to: nil)
        let environment = section.environment
        var config = DaemonConfig()
        config.minfds = try section.value("minfds", default: config.minfds, ValueParsers.integer)
        config.minprocs = try section.value("minprocs", default: config.minprocs, ValueParsers.integer)
        config.directory = try section.value("directory") { (text) throws(InvalidValue) in
            try ValueParsers.existingDirectory(text, environment: environment)
        }
        config.user = try section.string("user")
        config.umask = try section.value("umask", default: config.umask, ValueParsers.octal)

        let logfile = try section.value("logfile", default: config.logfile) { (text) throws(InvalidValue) in
            try ValueParsers.existingDirectoryPath(text, environment: environment)
        }
        config.logfile = logfile == "syslog" ? logfile : Paths.normalizeUserPath(logfile, environment: environment)
        config.logfileMaxBytes = try section.value("logfile_maxbytes", default: config.logfileMaxBytes,
                                                   ValueParsers.byteSize)
        config.logfileBackups = try section.value("logfile_backups", default: config.logfileBackups,
                                                  ValueParsers.integer)
        config.loglevel = try section.value("loglevel", default: config.loglevel, ValueParsers.logLevel)
        let pidfile = try section.value("pidfile", default: config.pidfile) { (text) throws(InvalidValue) in
            try ValueParsers.existingDirectoryPath(text, environment: environment)
        }
        config.pidfile = Paths.normalizeUserPath(pidfile, environment: environment)
        config.identifier = try section.string("identifier", default: config.identifier)
        config.nodaemon = try section.value("nodaemon", default: config.nodaemon, ValueParsers.boolean)
        config.silent = try section.value("silent", default: config.silent, ValueParsers.boolean)
        config.childlogdir = try section.value("childlogdir", default: temporaryDirectory(environment)) {
            (text) throws(InvalidValue) in
            try ValueParsers.existingDirectory(text, environment: environment)
        }
        config.nocleanup = try section.value("nocleanup", default: config.nocleanup, ValueParsers.boolean)
        config.stripAnsi = try section.value("strip_ansi", default: config.stripAnsi, ValueParsers.boolean)
        config.environment = try section.value("environment", default: [], EnvironmentParser.parse)
        config.cgroups = try section.value("cgroups", default: config.cgroups) { (text) throws(InvalidValue) in
            try ExtensionValueParsers.choice(text, key: "cgroups")
        }
        config.reapUnknownLoglevel = try section.value("reap_unknown_loglevel", ValueParsers.logLevel)
        config.logfileRotation = try LogRotationPolicy.read(section, prefix: "logfile")
        config.logfileFormat = try section.value("logfile_format", default: config.logfileFormat) {
            (text) throws(InvalidValue) in
            try ExtensionValueParsers.choice(text, key: "logfile_format")
        }
        if section.has("profile_options") {
            warnings.append("[supervisord] profile_options is not supported (it profiles the Python "
                                + "implementation) and is ignored")
        }
        return config
    }

    /// Python's `tempfile.gettempdir()`: the first usable of `$TMPDIR`, `$TEMP`, `$TMP`, then the
    /// usual system directories, then the working directory.
    static func temporaryDirectory(_ environment: [String: String]) -> String {
        let fromEnvironment = ["TMPDIR", "TEMP", "TMP"].compactMap { environment[$0] }
        for candidate in fromEnvironment + ["/tmp", "/var/tmp", "/usr/tmp"]
        where Paths.isDirectory(candidate) && access(candidate, W_OK) == 0 {
            return Paths.absolute(candidate)
        }
        return WorkingDirectory.path() ?? "/"
    }
}
