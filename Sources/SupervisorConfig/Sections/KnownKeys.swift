/// The keys each section type understands: the one place to add a key (an extension key too), so
/// that a key nobody reads is reported with a suggestion. Unknown keys stay accepted, as the
/// reference accepts them (configs carry keys for other tools); they are only warned about.
/// The lists are the reference's (keys it reads that this implementation ignores belong here
/// too, so they are never reported), plus this implementation's own.
enum KnownKeys {
    static let daemon = Set([
        "logfile", "logfile_maxbytes", "logfile_backups", "loglevel", "pidfile", "umask", "nodaemon", "silent",
        "minfds", "minprocs", "nocleanup", "childlogdir", "user", "directory", "strip_ansi", "environment",
        "identifier", "profile_options",
    ]).union(daemonExtensions).union(daemonLogExtensions)
    /// This implementation's own `[supervisord]` keys (docs/configuration.md, "Extensions").
    static let daemonExtensions: Set<String> = ["cgroups", "reap_unknown_loglevel"]
    /// The extension keys of the daemon's own log file.
    static let daemonLogExtensions = Set(LogRotationPolicy.keys(prefix: "logfile") + ["logfile_format"])
    static let program: Set<String> = {
        let channelKeys = ["stdout", "stderr"].flatMap { channel in
            ["logfile", "logfile_backups", "logfile_maxbytes", "capture_maxbytes", "events_enabled", "syslog"]
                .map { "\(channel)_\($0)" }
        }
        let channelRotationKeys = ["stdout", "stderr"].flatMap { LogRotationPolicy.keys(prefix: "\($0)_logfile") }
        return Set(channelKeys).union(channelRotationKeys).union([
            "command", "process_name", "numprocs", "numprocs_start", "priority", "autostart", "autorestart",
            "startsecs", "startretries", "exitcodes", "stopsignal", "stopwaitsecs", "stopasgroup", "killasgroup",
            "user", "redirect_stderr", "environment", "directory", "umask", "serverurl",
        ]).union(extensions).union(logLineKeys)
    }()
    /// This implementation's own program keys (docs/configuration.md, "Extensions").
    static let extensions: Set<String> = [
        "essential", "depends_on", "ready", "ready_timeout", "ready_interval", "healthcheck", "healthcheck_interval",
        "healthcheck_timeout", "healthcheck_retries", "healthcheck_action", "watchdog_sec", "restart_delay",
        "restart_delay_max", "memory_limit", "memory_limit_action", "memory_check_interval", "environment_file",
        "memory_max", "cpu_max", "pids_max",
    ]
    /// This implementation's per-channel log line keys (docs/configuration.md, "Extensions").
    static let logLineKeys = Set(["stdout", "stderr"].flatMap { channel in
        ["timestamps", "timestamp_format", "format", "line_max", "prefix", "prefix_color"]
            .map { "\(channel)_log_\($0)" }
    })
    static let eventListener = program.union(["events", "buffer_size", "result_handler"])
    static let fastCGIProgram = program.union(["socket", "socket_backlog", "socket_owner", "socket_mode"])
    static let group: Set<String> = ["programs", "priority"]
    static let unixHTTPServer = Set(["file", "chmod", "chown", "username", "password"]).union(serverExtensions)
    static let inetHTTPServer = Set(["port", "username", "password"]).union(serverExtensions)
    /// This implementation's own keys of both HTTP server sections (docs/configuration.md, "Extensions").
    static let serverExtensions: Set<String> = ["metrics_auth", "probes_auth"]
    static let control: Set<String> = ["serverurl", "username", "password", "prompt", "history_file"]
    static let include: Set<String> = ["files"]

    /// The keys a section may have, or nil when any key is fine: `[rpcinterface:x]` and
    /// `[ctlplugin:x]` pass theirs to the factory they name.
    static func keys(ofSection name: String) -> Set<String>? {
        switch name {
        case "supervisord": return daemon
        case "unix_http_server": return unixHTTPServer
        case "inet_http_server": return inetHTTPServer
        case "supervisorctl": return control
        case "include": return include
        default: break
        }
        let byPrefix: [(String, Set<String>)] = [
            ("program:", program), ("eventlistener:", eventListener), ("fcgi-program:", fastCGIProgram),
            ("group:", group),
        ]
        return byPrefix.first { name.hasPrefix($0.0) }?.1
    }

    /// One warning per key no one reads, in file order, with where it is written and the nearest
    /// known key when one is close enough to be a typo. `[DEFAULT]` keys are not checked: every
    /// section inherits them, so they are meant for some sections only.
    static func warnings(_ document: IniDocument) -> [String] {
        var warnings: [String] = []
        for section in document.sections {
            guard let known = keys(ofSection: section.name) else { continue }
            for entry in section.entries where !known.contains(entry.key) {
                let suggestion = TypoSuggestion.nearest(to: entry.key, among: known).map { "; did you mean \($0)?" }
                warnings.append("[\(section.name)] \(entry.key) is not a known key and is ignored "
                                    + "(at \(entry.file):\(entry.line))" + (suggestion ?? ""))
            }
        }
        return warnings
    }
}
