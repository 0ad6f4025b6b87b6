/// Reads a `supervisord.conf` (and its includes) into a `Configuration`.
/// Pure: it reads files and the password database, and changes nothing.
public enum ConfigLoader {
    /// Loads the daemon's view of a config file.
    /// - Parameters:
    ///   - path: the main file, as given with `-c` or found by `ConfigFileLocator`.
    ///   - environment: the daemon's environment, for `%(ENV_X)s` expansions.
    ///   - hostName: for `%(host_node_name)s`.
    ///   - limits: what the system could ever run; a configuration that needs more is an error.
    /// - Throws: `ConfigError` naming file and line where it can.
    public static func load(path: String, environment: [String: String], hostName: String,
                            limits: SystemLimits = .current()) throws -> Configuration {
        var configuration = Configuration(path: Paths.absolute(path))
        var document = try readMainFile(path)
        var expansions = Expansions.environment(environment)
        var includeExpansions = expansions
        includeExpansions["host_node_name"] = .string(hostName)
        try document.readIncludes(mainFile: path, expansions: includeExpansions, environment: environment,
                                  warnings: &configuration.warnings, infos: &configuration.infos)
        configuration.warnings += document.duplicateKeyWarnings + KnownKeys.warnings(document)
        try SectionTypes.check(document)

        func reader(_ name: String) -> SectionReader {
            SectionReader(document, name, expansions: expansions, environment: environment)
        }
        guard document.has("supervisord") else {
            throw ConfigError(".ini file does not include supervisord section", file: path)
        }
        configuration.daemon = try DaemonConfig.read(reader("supervisord"), warnings: &configuration.warnings)
        // Later sections may use the daemon's own environment additions as %(ENV_X)s.
        expansions.addEnvironment(configuration.daemon.environment)

        configuration.rpcInterfaces = try RPCInterfaceSections.names(document, reader: reader,
                                                                       warnings: &configuration.warnings)
        let groups = GroupSections(document: document, hostName: hostName, reader: reader)
        var budget = ProcessBudget(limits)
        configuration.groups = try groups.groups(warnings: &configuration.warnings, budget: &budget)
        try DependencyCheck(document: document, reader: reader).check(configuration.groups)
        // Kept apart from each program's own variables: the environment files go between the two.
        for group in configuration.groups.indices {
            for process in configuration.groups[group].processes.indices {
                configuration.groups[group].processes[process].supervisordEnvironment = configuration.daemon.environment
            }
        }
        if document.has("inet_http_server") {
            configuration.inetHTTPServer = try InetHTTPServerConfig.read(reader("inet_http_server"))
        }
        if document.has("unix_http_server") {
            configuration.unixHTTPServer = try UnixHTTPServerConfig.read(reader("unix_http_server"))
        }
        if let user = configuration.daemon.user {
            configuration.daemon.userSpec = try reader("supervisord").convert(user, key: "user", ValueParsers.user)
        }
        if document.has("supervisorctl") {
            // The daemon never uses this section, so a problem in it must not stop the daemon.
            do {
                configuration.control = try ControlConfig.read(reader("supervisorctl"))
            } catch let error as ConfigError {
                configuration.warnings.append("ignoring [supervisorctl]: \(error)")
            }
        }
        return configuration
    }

    /// Loads only what `supervisorctl` needs. Like the reference, it reads the main file alone (no
    /// includes) and requires a `[supervisorctl]` section.
    public static func loadControl(path: String, environment: [String: String]) throws -> ControlConfig {
        let document = try readMainFile(path)
        guard document.has("supervisorctl") else {
            throw ConfigError(".ini file does not include supervisorctl section", file: path)
        }
        let expansions = Expansions.environment(environment)
        var config = try ControlConfig.read(
            SectionReader(document, "supervisorctl", expansions: expansions, environment: environment))
        for section in document.sections where section.name.hasPrefix("ctlplugin:") {
            config.warnings.append("[\(section.name)] is ignored: supervisorctl plugins are Python code and "
                                       + "cannot be loaded")
        }
        return config
    }

    private static func readMainFile(_ file: String) throws -> IniDocument {
        var document = IniDocument()
        try document.read(file: file, allowingPipe: true) { failure in
            failure == .missing ? ConfigError("could not find config file \(file)")
                : ConfigError("config file \(file) is not a regular file", file: file)
        }
        return document
    }
}
