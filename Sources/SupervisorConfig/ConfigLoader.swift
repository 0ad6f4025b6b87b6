/// Reads a `supervisord.conf` (and its includes) into a `Configuration`.
/// Pure: it reads files and the password database, and changes nothing.
public enum ConfigLoader {
    /// Loads the daemon's view of a config file.
    /// - Parameters:
    ///   - path: the main file, as given with `-c` or found by `ConfigFileLocator`.
    ///   - environment: the daemon's environment, for `%(ENV_X)s` expansions.
    ///   - hostName: for `%(host_node_name)s`.
    /// - Throws: `ConfigError` naming file and line where it can.
    public static func load(path: String, environment: [String: String], hostName: String) throws -> Configuration {
        throw ConfigError("not implemented yet", file: path)
    }

    /// Loads only what `supervisorctl` needs: the `[supervisorctl]` section (defaults when absent).
    public static func loadControl(path: String, environment: [String: String]) throws -> ControlConfig {
        throw ConfigError("not implemented yet", file: path)
    }
}

/// The reference's search order for a config file when `-c` is not given.
public enum ConfigFileLocator {
    /// - Parameters:
    ///   - currentDirectory: the process's working directory.
    ///   - executablePath: path of the running executable (for `../etc/supervisord.conf`, `../supervisord.conf`).
    ///   - exists: file-existence check, injectable for tests.
    public static func find(currentDirectory: String, executablePath: String, exists: (String) -> Bool) -> String? {
        nil
    }
}
