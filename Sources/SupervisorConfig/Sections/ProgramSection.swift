import SupervisorCommon

/// Turns a `[program:x]`, `[eventlistener:x]` or `[fcgi-program:x]` section into its processes.
struct ProgramSection {
    /// The section, with `program_name`, `group_name` and `host_node_name` available to expansions.
    let section: SectionReader

    init(_ reader: SectionReader, groupName: String, hostName: String) {
        var section = reader.offeringHere(to: nil)
        section.expansions["program_name"] = .string(ProgramSection.suffix(of: reader.name).trimmingWhitespace())
        section.expansions["group_name"] = .string(groupName)
        section.expansions["host_node_name"] = .string(hostName)
        self.section = section
    }

    /// The part of a section name after its type.
    static func suffix(of sectionName: String) -> String {
        sectionName.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).dropFirst().first
            .map(String.init) ?? ""
    }

    /// The section's name suffix, checked like a process name.
    static func programName(_ section: SectionReader) throws -> String {
        try section.convert(suffix(of: section.name), key: nil, ValueParsers.processOrGroupName)
    }

    /// Failures name the section and the file it started in, as the reference's do.
    func processes(warnings: inout [String], budget: inout ProcessBudget) throws -> [ProcessConfig] {
        do {
            return try readProcesses(warnings: &warnings, budget: &budget)
        } catch var error as ConfigError {
            error.section = section.errorSection
            throw error
        }
    }

    private func readProcesses(warnings: inout [String], budget: inout ProcessBudget) throws -> [ProcessConfig] {
        _ = try ProgramSection.programName(section)
        var template = ProcessConfig(name: "", command: "")
        template.priority = try section.value("priority", default: template.priority, ValueParsers.integer)
        template.autostart = try section.value("autostart", default: template.autostart, ValueParsers.boolean)
        template.autorestart = try section.value("autorestart", default: template.autorestart,
                                                 ValueParsers.autoRestart)
        template.startsecs = try section.value("startsecs", default: template.startsecs, ValueParsers.integer)
        template.startretries = try section.value("startretries", default: template.startretries,
                                                  ExtensionValueParsers.startRetries)
        template.restartDelay = try section.seconds("restart_delay", default: template.restartDelay,
                                                    allowingZero: true)
        template.restartDelayMax = try section.seconds("restart_delay_max", default: template.restartDelayMax,
                                                       allowingZero: true)
        template.limits = try ResourceLimits.read(section)
        template.stopsignal = try section.value("stopsignal", default: template.stopsignal, Signals.number)
        template.stopwaitsecs = try section.value("stopwaitsecs", default: template.stopwaitsecs,
                                                  ValueParsers.integer)
        template.stopasgroup = try section.value("stopasgroup", default: false, ValueParsers.boolean)
        template.killasgroup = try section.value("killasgroup", default: template.stopasgroup, ValueParsers.boolean)
        template.exitcodes = try section.value("exitcodes", default: template.exitcodes, ValueParsers.exitCodes)
        template.redirectStderr = try section.value("redirect_stderr", default: false, ValueParsers.boolean)
        template.essential = try section.value("essential", default: false, ValueParsers.boolean)
        template.programName = ProgramSection.suffix(of: section.name).trimmingWhitespace()
        template.dependsOn = try section.value("depends_on", default: [], DependencyListParser.dependencies)
        template.watchdogSeconds = try ProcessChecks.watchdogSeconds(section)
        let numprocs = try section.value("numprocs", default: 1, ValueParsers.integer)
        let numprocsStart = try section.value("numprocs_start", default: 0, ValueParsers.integer)
        let environmentTemplate = section.raw("environment") ?? ""
        template.stdout.captureMaxBytes = try section.value("stdout_capture_maxbytes", default: 0,
                                                           ValueParsers.byteSize)
        template.stdout.eventsEnabled = try section.value("stdout_events_enabled", default: false,
                                                         ValueParsers.boolean)
        template.stderr.captureMaxBytes = try section.value("stderr_capture_maxbytes", default: 0,
                                                           ValueParsers.byteSize)
        template.stderr.eventsEnabled = try section.value("stderr_events_enabled", default: false,
                                                         ValueParsers.boolean)
        if let serverurl = try section.string("serverurl"), serverurl.trimmingWhitespace().uppercased() != "AUTO" {
            template.serverurl = serverurl
        }
        template.user = try section.value("user", ValueParsers.user)
        template.umask = try section.value("umask", ValueParsers.octal)

        // Checked as written, before the per-process expansion, as the reference checks it.
        let processName = section.raw("process_name") ?? "%(program_name)s"
        _ = try section.convert(processName, key: "process_name", ValueParsers.processOrGroupName)
        if numprocs > 1 && !processName.contains("%(process_num)") {
            throw section.error("%(process_num) must be present within process_name when numprocs > 1",
                                key: "process_name")
        }
        if template.stopasgroup && !template.killasgroup {
            throw section.error("Cannot set stopasgroup=true and killasgroup=false", key: "killasgroup")
        }

        // A FastCGI process's stdin is its program's shared socket: no descriptor of its own.
        try budget.claim(max(numprocs, 0), descriptorsEach: section.name.hasPrefix("fcgi-program:") ? 0 : 1,
                         in: section)
        var perProcess = section
        var processes: [ProcessConfig] = []
        for processNumber in numprocsStart..<(numprocsStart + max(numprocs, 0)) {
            perProcess.expansions["process_num"] = .integer(processNumber)
            perProcess.expansions["numprocs"] = .integer(numprocs)
            var process = template
            let environment = try perProcess.expand(environmentTemplate, key: "environment", label: "environment")
            process.environment = try perProcess.convert(environment, key: "environment", EnvironmentParser.parse)
            // Later keys may refer to the program's own variables as %(ENV_X)s.
            perProcess.expansions.addEnvironment(process.environment)
            process.directory = try perProcess.string("directory")
            process.environmentFiles = try perProcess.value("environment_file", default: [],
                                                            ExtensionValueParsers.environmentFiles)
            process.stdout = try channel("stdout", template: template.stdout, reader: perProcess, warnings: &warnings)
            process.stderr = try channel("stderr", template: template.stderr, reader: perProcess, warnings: &warnings)
            if template.redirectStderr {
                if case .path = process.stderr.logfile {
                    warnings.append("[\(section.name)] stderr_logfile is ignored because redirect_stderr=true "
                                        + "sends stderr to the stdout log")
                }
                process.stderr.logfile = .none
            }
            guard let command = try perProcess.string("command") else {
                throw section.error("program section \(section.name) does not specify a command")
            }
            process.command = command
            process.ready = try ProcessChecks.readiness(perProcess)
            process.healthcheck = try ProcessChecks.healthCheck(perProcess)
            let name = try perProcess.expand(processName, key: "process_name", label: "process_name")
            process.name = try perProcess.convert(name, key: "process_name", ValueParsers.processOrGroupName)
            processes.append(process)
        }
        return processes.sorted(by: ProgramSection.startOrder)
    }

    /// Ascending priority, then name, as the reference orders its configs.
    static func startOrder(_ a: ProcessConfig, _ b: ProcessConfig) -> Bool {
        if a.priority != b.priority { return a.priority < b.priority }
        return a.name.utf8.lexicographicallyPrecedes(b.name.utf8)
    }

    private func channel(_ name: String, template: ChannelLogConfig, reader: SectionReader,
                         warnings: inout [String]) throws -> ChannelLogConfig {
        let logfileKey = name + "_logfile"
        var config = template
        let logfile = try reader.string(logfileKey)
        if let logfile, logfile.lowercased() != "syslog" {
            config.logfile = try reader.convert(logfile, key: logfileKey) { (text) throws(InvalidValue) in
                try LogTarget.parse(text, environment: reader.environment)
            }
        }
        config.backups = try reader.value(name + "_logfile_backups", default: config.backups, ValueParsers.integer)
        config.maxBytes = try reader.value(name + "_logfile_maxbytes", default: config.maxBytes,
                                           ValueParsers.byteSize)
        config.syslog = try reader.value(name + "_syslog", default: false, ValueParsers.boolean)
        config.rotation = try LogRotationPolicy.read(reader, prefix: logfileKey)
        config.lineStyle = try LogLineStyle.read(reader, channel: name)
        if logfile?.lowercased() == "syslog" {
            warnings.append("[\(section.name)] \(logfileKey)=syslog is deprecated; \(name)_syslog=true "
                                + "is the way to send \(name) to syslog, and is what is used")
            config.logfile = .none
            config.syslog = true
        }
        if config.logfile == .automatic && config.maxBytes == 0 {
            warnings.append("[\(section.name)] \(logfileKey) is AUTO with \(name)_logfile_maxbytes=0, so the "
                                + "log is never rotated and may fill the disk")
        }
        return config
    }
}

extension LogTarget {
    /// `AUTO`, `NONE`/`OFF` (or empty) and paths whose directory exists; the deprecated `syslog`
    /// is the caller's business because it also switches the channel's syslog flag on.
    static func parse(_ text: String, environment: [String: String]) throws(InvalidValue) -> LogTarget {
        switch text.lowercased() {
        case "auto": return .automatic
        case "none", "off", "": return .none
        default: return .path(try ValueParsers.existingDirectoryPath(text, environment: environment))
        }
    }
}
