/// The reference's search order for a config file when `-c` is not given.
public enum ConfigFileLocator {
    /// The candidates in search order: next to the installation prefix of the executable
    /// (`<prefix>/etc/supervisord.conf`, `<prefix>/supervisord.conf`, where the prefix is the
    /// executable's directory's parent), then the working directory, then `/etc`.
    /// Relative candidates are resolved against `currentDirectory`.
    public static func candidates(currentDirectory: String, executablePath: String) -> [String] {
        let prefix = Paths.dirname(Paths.dirname(executablePath))
        let paths = [
            Paths.join(prefix, "etc/supervisord.conf"),
            Paths.join(prefix, "supervisord.conf"),
            "supervisord.conf",
            "etc/supervisord.conf",
            "/etc/supervisord.conf",
            "/etc/supervisor/supervisord.conf",
        ]
        return paths.map { Paths.absolute($0, currentDirectory: currentDirectory) }
    }

    /// - Parameters:
    ///   - currentDirectory: the process's working directory.
    ///   - executablePath: path of the running executable as invoked (`argv[0]`), for
    ///     `../etc/supervisord.conf` and `../supervisord.conf`.
    ///   - exists: file-existence check, injectable for tests.
    /// - Returns: the first candidate that exists, as an absolute path.
    public static func find(currentDirectory: String, executablePath: String, exists: (String) -> Bool) -> String? {
        candidates(currentDirectory: currentDirectory, executablePath: executablePath).first(where: exists)
    }
}
