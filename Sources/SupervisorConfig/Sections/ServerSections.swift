extension UnixHTTPServerConfig {
    static func read(_ section: SectionReader) throws -> UnixHTTPServerConfig {
        guard let file = try section.string("file") else { throw section.error("has no file key") }
        var config = UnixHTTPServerConfig(
            file: Paths.normalizeUserPath(file.trimmingWhitespace(), environment: section.environment))
        config.chmod = try section.value("chmod", default: config.chmod, ValueParsers.octal)
        config.chown = try section.value("chown", ValueParsers.owner)
        config.credentials = try Credentials.read(section)
        return config
    }
}

extension InetHTTPServerConfig {
    static func read(_ section: SectionReader) throws -> InetHTTPServerConfig {
        guard let address = try section.value("port", ValueParsers.inetAddress) else {
            throw section.error("has no port key")
        }
        var config = InetHTTPServerConfig(host: address.host, port: address.port)
        config.credentials = try Credentials.read(section)
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
        case (nil, _):
            throw section.error("sets a password but no username; give both or neither", key: "password")
        case (_, nil):
            throw section.error("sets a username but no password; give both or neither", key: "username")
        }
    }
}

extension ControlConfig {
    /// Reads `[supervisorctl]`; `unix://` URLs and the history file come out as absolute paths.
    static func read(_ section: SectionReader) throws -> ControlConfig {
        var config = ControlConfig()
        let serverurl = try section.string("serverurl", default: config.serverurl)
        config.serverurl = serverurl.hasPrefix("unix://")
            ? "unix://" + Paths.normalizeUserPath(String(serverurl.dropFirst(7)), environment: section.environment)
            : serverurl
        config.username = try section.string("username")
        config.password = try section.string("password")
        config.prompt = try section.string("prompt", default: config.prompt)
        if let history = try section.string("history_file"), !history.isEmpty {
            config.historyFile = Paths.normalizeUserPath(history, environment: section.environment)
        }
        return config
    }
}
