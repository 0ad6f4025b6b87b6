import SupervisorCommon

extension UnixHTTPServerConfig {
    static func read(_ reader: SectionReader) throws -> UnixHTTPServerConfig {
        let section = reader.offeringHere(to: ["file"])
        guard let file = try section.string("file") else {
            throw section.error("section [\(section.name)] has no file value")
        }
        var config = UnixHTTPServerConfig(
            file: Paths.normalizeUserPath(file.trimmingWhitespace(), environment: section.environment))
        config.credentials = try Credentials.read(section)
        config.monitoringAuth = try MonitoringAuth.read(section)
        if let chown = try section.string("chown") {
            config.chown = try section.convert(chown, key: "chown", ValueParsers.owner) { _ in
                "Invalid sockchown value \(chown)"
            }
        }
        if let chmod = try section.string("chmod") {
            config.chmod = try section.convert(chmod, key: "chmod", ValueParsers.octal) { _ in
                "Invalid chmod value \(chmod)"
            }
        }
        return config
    }
}

extension InetHTTPServerConfig {
    static func read(_ section: SectionReader) throws -> InetHTTPServerConfig {
        let credentials = try Credentials.read(section)
        guard let address = try section.value("port", ValueParsers.inetAddress) else {
            throw section.error("section [\(section.name)] has no port value")
        }
        var config = InetHTTPServerConfig(host: address.host, port: address.port)
        config.credentials = credentials
        config.monitoringAuth = try MonitoringAuth.read(section)
        return config
    }
}

extension Credentials {
    /// Both or neither of `username` and `password`.
    static func read(_ section: SectionReader) throws -> Credentials? {
        let username = try section.string("username")
        let password = try section.string("password")
        switch (username, password) {
        case let (username?, password?):
            return Credentials(username: username, password: password)
        case (nil, nil):
            return nil
        default:
            throw section.error("Section [\(section.name)] contains incomplete authentication: If a username "
                                    + "or a password is specified, both the username and password must be specified",
                                key: username == nil ? "password" : "username")
        }
    }
}

extension MonitoringAuth {
    /// `metrics_auth` and `probes_auth` (extensions; KnownKeys.serverExtensions).
    static func read(_ section: SectionReader) throws -> MonitoringAuth {
        var auth = MonitoringAuth()
        auth.metrics = try section.value("metrics_auth", default: auth.metrics, ValueParsers.boolean)
        auth.probes = try section.value("probes_auth", default: auth.probes, ValueParsers.boolean)
        return auth
    }
}

extension ControlConfig {
    /// Reads `[supervisorctl]`; `unix://` URLs and the history file come out as absolute paths.
    static func read(_ reader: SectionReader) throws -> ControlConfig {
        let section = reader.offeringHere(to: ["serverurl", "history_file"])
        var config = ControlConfig()
        let serverurl = try section.string("serverurl", default: config.serverurl)
        config.serverurl = serverurl.hasPrefix("unix://")
            ? "unix://" + Paths.normalizeUserPath(String(serverurl.dropFirst(7)), environment: section.environment)
            : serverurl
        config.prompt = try section.string("prompt", default: config.prompt)
        config.username = try section.string("username")
        config.password = try section.string("password")
        if let history = try section.string("history_file"), !history.isEmpty {
            config.historyFile = Paths.normalizeUserPath(history, environment: section.environment)
        }
        return config
    }
}
