/// The reference's search order for a config file when `-c` is not given.
public enum ConfigFileLocator {
    /// The candidates in search order, written as the reference lists them in its "No config
    /// file found" message: next to the executable's installation prefix (the parent of its
    /// directory, which is empty for a bare `supervisord`, leaving relative paths), then the
    /// working directory, then `/etc`.
    public static func searchPaths(currentDirectory: String, executablePath: String) -> [String] {
        let prefix = Paths.dirname(Paths.dirname(executablePath))
        return [
            Paths.join(prefix, "etc/supervisord.conf"),
            Paths.join(prefix, "supervisord.conf"),
            "supervisord.conf",
            "etc/supervisord.conf",
            "/etc/supervisord.conf",
            "/etc/supervisor/supervisord.conf",
        ]
    }

    /// - Parameters:
    ///   - currentDirectory: the process's working directory.
    ///   - executablePath: path of the running executable as invoked (`argv[0]`), for
    ///     `../etc/supervisord.conf` and `../supervisord.conf`.
    ///   - exists: file-existence check, injectable for tests; it gets absolute paths.
    /// - Returns: the first candidate that exists, as an absolute path.
    public static func find(currentDirectory: String, executablePath: String, exists: (String) -> Bool) -> String? {
        searchPaths(currentDirectory: currentDirectory, executablePath: executablePath)
            .map { Paths.absolute($0, currentDirectory: currentDirectory) }
            .first(where: exists)
    }
}
