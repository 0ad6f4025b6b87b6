import SupervisorCommon
import SupervisorConfig

extension SupervisordCommand {
    /// The reference's options in getopt's notation, then ours (not abbreviable: `--s`
    /// stays `--silent`, `--ch` stays `--childlogdir` and `--st` stays `--strip_ansi`,
    /// as in the reference).
    private static let getopt = Getopt(
        short: "h?c:vnu:m:d:l:y:z:e:j:i:q:a:kts",
        long: ["help", "configuration=", "version", "nodaemon", "user=", "umask=", "directory=", "logfile=",
               "logfile_maxbytes=", "logfile_backups=", "loglevel=", "pidfile=", "identifier=", "childlogdir=",
               "minfds=", "minprocs=", "nocleanup", "strip_ansi", "profile_options=", "silent"],
        longInFull: ["check", "strict", "subreaper"])

    /// Reads the command line in the reference's order: getopt's errors, then leftover
    /// words, then each option as given (help and version act at once, a value is
    /// checked when read, and an option given twice is a conflict).
    static func parse(_ arguments: [String]) throws(Getopt.Failure) -> Request {
        let parsed = try getopt.parse(arguments)
        guard parsed.arguments.isEmpty else {
            let words = parsed.arguments.map(pythonRepr).joined(separator: ", ")
            throw Getopt.Failure("positional arguments are not supported: [\(words)]")
        }
        let environment = ProcessEnvironment.dictionary()
        var command = SupervisordCommand()
        for option in parsed.options {
            func value<Value>(_ parse: (String) throws(InvalidValue) -> Value) throws(Getopt.Failure) -> Value {
                do {
                    return try parse(option.value)
                } catch {
                    throw Getopt.Failure("invalid value for \(option.flag) \(pythonRepr(option.value)): \(error.message)")
                }
            }
            func set<Value>(_ key: WritableKeyPath<DaemonConfig, Value>, _ parse: (String) throws(InvalidValue) -> Value) throws(Getopt.Failure) {
                guard command.overrides.set(key, to: try value(parse)) else { throw conflict }
            }
            func set(_ key: WritableKeyPath<DaemonConfig, Bool>) throws(Getopt.Failure) {
                guard command.overrides.set(key, to: true) else { throw conflict }
            }
            func set(_ flag: inout Bool) throws(Getopt.Failure) {
                guard !flag else { throw conflict }
                flag = true
            }
            var conflict: Getopt.Failure { Getopt.Failure("conflicting command line option \(pythonRepr(option.flag))") }
            func verbatim(_ text: String) -> String { text }
            func existingDirectory(_ text: String) throws(InvalidValue) -> String {
                try ValueParsers.existingDirectory(text, environment: environment)
            }
            func existingDirectoryPath(_ text: String) throws(InvalidValue) -> String {
                try ValueParsers.existingDirectoryPath(text, environment: environment)
            }

            switch option.flag {
            case "-h", "-?", "--help": return .usage
            case "-v", "--version": return .version
            case "-c", "--configuration":
                guard command.configuration == nil else { throw conflict }
                command.configuration = option.value
            case "-n", "--nodaemon": try set(\.nodaemon)
            case "-s", "--silent": try set(\.silent)
            case "-k", "--nocleanup": try set(\.nocleanup)
            case "-t", "--strip_ansi": try set(\.stripAnsi)
            case "-u", "--user": try set(\.user, verbatim)
            case "-m", "--umask": try set(\.umask, ValueParsers.octal)
            case "-d", "--directory": try set(\.directory, existingDirectory)
            case "-l", "--logfile": try set(\.logfile, existingDirectoryPath)
            case "-y", "--logfile_maxbytes": try set(\.logfileMaxBytes, ValueParsers.byteSize)
            case "-z", "--logfile_backups": try set(\.logfileBackups, ValueParsers.integer)
            case "-e", "--loglevel": try set(\.loglevel, ValueParsers.logLevel)
            case "-j", "--pidfile": try set(\.pidfile, existingDirectoryPath)
            case "-i", "--identifier": try set(\.identifier, verbatim)
            case "-q", "--childlogdir": try set(\.childlogdir, existingDirectory)
            case "-a", "--minfds": try set(\.minfds, ValueParsers.integer)
            case "--minprocs": try set(\.minprocs, ValueParsers.integer)
            case "--check": try set(&command.check)
            case "--strict": try set(&command.strict)
            case "--subreaper": try set(&command.subreaper)
            default: break  // --profile_options: accepted; there is no profiler to run
            }
        }
        if command.strict && !command.check { throw Getopt.Failure("--strict applies to --check only") }
        return .run(command)
    }
}
