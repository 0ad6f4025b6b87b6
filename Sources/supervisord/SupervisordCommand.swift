import Glibc
import SupervisorCommon
import SupervisorConfig
import SupervisorCore

/// `supervisord`: the reference's options, short and long, plus `--check` and `--subreaper`.
struct SupervisordCommand {
    /// What a command line asks for.
    enum Request {
        case usage
        case version
        case run(SupervisordCommand)
    }

    var configuration: String?
    var overrides = DaemonOverrides()
    /// Validate the configuration and exit (0 when valid, 2 otherwise).
    var check = false
    /// With `check`: warnings (such as unknown keys) are errors.
    var strict = false
    /// Adopt orphaned descendants and reap them, as PID 1 does.
    var subreaper = false

    func run() {
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

    /// Reads the config file and applies the command line over it.
    func loadConfiguration() throws -> Configuration {
        let path = try configurationPath()
        var config = try ConfigLoader.load(path: path, environment: ProcessEnvironment.dictionary(), hostName: HostName.current())
        overrides.apply(to: &config)
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

    /// Reads the command line (a usage error is reported as the reference reports it,
    /// exit status 2) and does what it asks.
    static func parseAndRun() {
        let programName = CommandLine.arguments.first ?? "supervisord"
        do throws(Getopt.Failure) {
            switch try parse(Array(CommandLine.arguments.dropFirst())) {
            case .usage: print(UsageMessage.text(programName: programName))
            case .version: print(SupervisorVersion.package)
            case .run(let command): command.run()
            }
        } catch {
            fail(error.message)
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
