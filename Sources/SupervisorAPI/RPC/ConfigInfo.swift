import SupervisorConfig
import SupervisorCore
import XMLRPC

/// `getAllConfigInfo`: one struct per configured process, in use or not, sorted by name.
enum ConfigInfo {
    static func all(_ supervisor: Supervisor) -> XMLRPCValue {
        var entries: [(String, XMLRPCValue)] = []
        for group in supervisor.config.groups {
            let running = supervisor.groups[group.name]
            for process in group.processes {
                let live = running?.process(named: process.name)
                entries.append((process.name, entry(process, group: group, inUse: running != nil, live: live)))
            }
        }
        return .array(entries.enumerated().sorted { ($0.element.0, $0.offset) < ($1.element.0, $1.offset) }.map(\.element.1))
    }

    private static func entry(_ p: ProcessConfig, group: GroupConfig, inUse: Bool, live: Subprocess?) -> XMLRPCValue {
        func logfile(_ target: LogTarget, _ stream: OutputChannel) -> XMLRPCValue {
            switch target {
            case .none: return .string("none")
            case .path(let path): return .string(path)
            // Once the group exists the AUTO name is real; before, the reference says "auto".
            case .automatic: return .string(live?.logs.path(stream) ?? "auto")
            }
        }
        let optional = { (text: String?) in XMLRPCValue.string(text ?? "none") }
        return .struct([
            ("autostart", .bool(p.autostart)),
            ("directory", optional(p.directory)),
            ("uid", p.user.map { .int(Int($0.uid)) } ?? .string("none")),
            ("command", .string(p.command)),
            ("exitcodes", .array(p.exitcodes.map { .int($0) })),
            ("group", .string(group.name)),
            ("group_prio", .int(group.priority)),
            ("inuse", .bool(inUse)),
            ("killasgroup", .bool(p.killasgroup)),
            ("name", .string(p.name)),
            ("process_prio", .int(p.priority)),
            ("redirect_stderr", .bool(p.redirectStderr)),
            // `infinite` is Int.max: capped to an XML-RPC int (a 32-bit <int>).
            ("startretries", .int(min(p.startretries, Int(Int32.max)))),
            ("startsecs", .int(p.startsecs)),
            ("stdout_capture_maxbytes", .int(p.stdout.captureMaxBytes)),
            ("stdout_events_enabled", .bool(p.stdout.eventsEnabled)),
            ("stdout_logfile", logfile(p.stdout.logfile, .stdout)),
            ("stdout_logfile_backups", .int(p.stdout.backups)),
            ("stdout_logfile_maxbytes", .int(p.stdout.maxBytes)),
            ("stdout_syslog", .bool(p.stdout.syslog)),
            ("stopsignal", .int(Int(p.stopsignal))),
            ("stopwaitsecs", .int(p.stopwaitsecs)),
            ("stderr_capture_maxbytes", .int(p.stderr.captureMaxBytes)),
            ("stderr_events_enabled", .bool(p.stderr.eventsEnabled)),
            ("stderr_logfile", p.redirectStderr ? .string("none") : logfile(p.stderr.logfile, .stderr)),
            ("stderr_logfile_backups", .int(p.stderr.backups)),
            ("stderr_logfile_maxbytes", .int(p.stderr.maxBytes)),
            ("stderr_syslog", .bool(p.stderr.syslog)),
            ("serverurl", optional(p.serverurl)),
        ])
    }
}
