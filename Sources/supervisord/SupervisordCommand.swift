import ArgumentParser
import Glibc
import SupervisorCommon
import SupervisorConfig
import SupervisorCore

/// `supervisord`: the reference's options, short and long, plus `--check`.
struct SupervisordCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "supervisord",
        abstract: "Run a set of programs as children, restarting them when they exit.")

    @Option(name: [.customShort("c", allowingJoined: true), .customLong("configuration")], help: "Configuration file path (searched for if not given).")
    var configuration: String?
    @Flag(name: [.customShort("n"), .customLong("nodaemon")], help: "Run in the foreground (nodaemon=true).")
    var nodaemon = false
    @Flag(name: [.customShort("s"), .customLong("silent")], help: "No logs to stdout (silent=true).")
    var silent = false
    @Flag(name: [.customShort("v"), .customLong("version")], help: "Print the version and exit.")
    var version = false
    @Option(name: [.customShort("u", allowingJoined: true), .customLong("user")], help: "Run as this user (or numeric uid).")
    var user: String?
    @Option(name: [.customShort("m", allowingJoined: true), .customLong("umask")], help: "Umask of the daemon (default 022).")
    var umask: String?
    @Option(name: [.customShort("d", allowingJoined: true), .customLong("directory")], help: "Directory to chdir to when daemonized.")
    var directory: String?
    @Option(name: [.customShort("l", allowingJoined: true), .customLong("logfile")], help: "Main log file path.")
    var logfile: String?
    @Option(name: [.customShort("y", allowingJoined: true), .customLong("logfile_maxbytes")], help: "Rotate the main log at this size.")
    var logfileMaxbytes: String?
    @Option(name: [.customShort("z", allowingJoined: true), .customLong("logfile_backups")], help: "Rotated main logs to keep.")
    var logfileBackups: String?
    @Option(name: [.customShort("e", allowingJoined: true), .customLong("loglevel")], help: "critical, error, warn, info, debug, trace or blather.")
    var loglevel: String?
    @Option(name: [.customShort("j", allowingJoined: true), .customLong("pidfile")], help: "Write the daemon's pid to this file.")
    var pidfile: String?
    @Option(name: [.customShort("i", allowingJoined: true), .customLong("identifier")], help: "Identifier of this supervisord instance.")
    var identifier: String?
    @Option(name: [.customShort("q", allowingJoined: true), .customLong("childlogdir")], help: "Directory of AUTO child logs.")
    var childlogdir: String?
    @Flag(name: [.customShort("k"), .customLong("nocleanup")], help: "Keep old AUTO child logs at startup.")
    var nocleanup = false
    @Option(name: [.customShort("a", allowingJoined: true), .customLong("minfds")], help: "Minimum file descriptors needed to start.")
    var minfds: String?
    @Option(name: .customLong("minprocs"), help: "Minimum processes available needed to start.")
    var minprocs: String?
    @Flag(name: [.customShort("t"), .customLong("strip_ansi")], help: "Strip ANSI escape codes from child output.")
    var stripAnsi = false
    @Option(name: .customLong("profile_options"), help: .hidden)
    var profileOptions: String?
    @Flag(name: .customLong("check"), help: "Validate the configuration, print its warnings and exit (0 when valid, 2 otherwise).")
    var check = false
    @Flag(name: .customLong("strict"), help: "With --check: warnings (such as unknown keys) are errors.")
    var strict = false
    @Flag(name: .customLong("subreaper"), help: "Adopt orphaned descendants and reap them, as PID 1 does (for use under another init).")
    var subreaper = false

    func run() throws {
        if version {
            print(SupervisorVersion.package)
            return
        }
        let loaded: Configuration
        do {
            loaded = try loadConfiguration()
        } catch {
            Self.fail("\(error)")
        }
        if check {
            checkWarnings(loaded)
            return
        }
        DaemonRunner(initial: loaded, subreaper: subreaper, reload: { try loadConfiguration() }).run()
    }

    /// `--check`: the warnings the daemon would log, on stderr; with `--strict` they fail the check.
    private func checkWarnings(_ config: Configuration) {
        for warning in config.warnings {
            var line = "warning: \(warning)\n"
            line.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
        }
        if strict && !config.warnings.isEmpty {
            let count = config.warnings.count
            Self.fail("\(config.path): \(count) warning\(count == 1 ? "" : "s"), which --strict makes errors")
        }
        print("\(config.path): OK")
    }

    func validate() throws {
        if strict && !check { throw ValidationError("--strict applies to --check only") }
    }

    /// Reads the config file and applies the command line over it.
    func loadConfiguration() throws -> Configuration {
        let path = try configurationPath()
        var config = try ConfigLoader.load(path: path, environment: ProcessEnvironment.dictionary(), hostName: HostName.current())
        try overrides.apply(to: &config)
        return config
    }

    private func configurationPath() throws -> String {
        if let configuration { return configuration }
        let cwd = WorkingDirectory.path() ?? "."
        let executable = CommandLine.arguments.first ?? "supervisord"
        if let found = ConfigFileLocator.find(currentDirectory: cwd, executablePath: executable, exists: { access($0, F_OK) == 0 }) {
            return found
        }
        throw ConfigError("No config file found at default paths (\(ConfigFileLocator.searchPaths(currentDirectory: cwd, executablePath: executable).joined(separator: ", "))); use the -c option to specify a config file at a different path")
    }

    private var overrides: DaemonOverrides {
        DaemonOverrides(nodaemon: nodaemon, silent: silent, user: user, umask: umask, directory: directory,
                        logfile: logfile, logfileMaxbytes: logfileMaxbytes, logfileBackups: logfileBackups,
                        loglevel: loglevel, pidfile: pidfile, identifier: identifier, childlogdir: childlogdir,
                        nocleanup: nocleanup, minfds: minfds, minprocs: minprocs, stripAnsi: stripAnsi)
    }

    /// Parses the command line; a usage error is reported in getopt's words, as the
    /// reference does (`option --bogus not recognized`), with exit status 2.
    static func parseAndRun() {
        var command: SupervisordCommand
        do {
            command = try parse()
        } catch {
            if exitCode(for: error) == .success { exit(withError: error) }
            fail(UsageMessage.getoptWording(message(for: error)))
        }
        do {
            try command.run()
        } catch {
            exit(withError: error)
        }
    }

    /// The reference's usage error on stderr, exit status 2: the error on one line,
    /// then where to find help.
    static func fail(_ message: String) -> Never {
        var text = "Error: \(message)\nFor help, use \(CommandLine.arguments.first ?? "supervisord") -h\n"
        text.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
        Glibc.exit(2)
    }
}
