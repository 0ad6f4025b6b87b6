#if canImport(Glibc)
import Glibc
#endif
import SupervisorCommon
import SupervisorConfig

/// The command line, parsed the way the reference does (Python's `getopt`:
/// options stop at the first non-option word, long options may be abbreviated
/// to a unique prefix, and each option may be given only once).
nonisolated struct ControlOptions {
    var configFile: String?
    var interactive = false
    var serverURL: String?
    var username: String?
    var password: String?
    var historyFile: String?
    /// The action and its arguments, if any.
    var arguments: [String] = []
    var wantsHelp = false

    /// A mistake on the command line, reported as `Error: …` plus a pointer to `-h`.
    struct UsageError: Error {
        var message: String
    }

    /// The reference's options, in getopt's notation.
    private static let getopt = Getopt(
        short: "h?c:is:u:p:r:",
        long: ["help", "configuration=", "interactive", "serverurl=", "username=", "password=", "history_file="])

    static func parse(_ args: [String]) throws -> ControlOptions {
        var options = ControlOptions()
        let parsed: (options: [Getopt.Option], arguments: [String])
        do {
            parsed = try getopt.parse(args)
        } catch {
            throw UsageError(message: error.message)
        }
        options.arguments = parsed.arguments

        for (flag, value) in parsed.options.map({ ($0.flag, $0.value) }) {
            func set(_ slot: inout String?) throws {
                guard slot == nil else { throw UsageError(message: "conflicting command line option \(pythonRepr(flag))") }
                slot = value
            }
            switch flag {
            case "-h", "-?", "--help":
                options.wantsHelp = true
                return options
            case "-c", "--configuration": try set(&options.configFile)
            case "-i", "--interactive":
                guard !options.interactive else {
                    throw UsageError(message: "conflicting command line option \(pythonRepr(flag))")
                }
                options.interactive = true
            case "-s", "--serverurl":
                guard isURL(value) else {
                    throw UsageError(message: "invalid value for \(flag) \(pythonRepr(value)): value \(pythonRepr(value)) is not a URL")
                }
                try set(&options.serverURL)
            case "-u", "--username": try set(&options.username)
            case "-p", "--password": try set(&options.password)
            default: try set(&options.historyFile)
            }
        }
        return options
    }

    /// The reference's `url` check: Python's `urlparse` finds a scheme and a host or a path
    /// (`http://` alone, or only a query or fragment, is not a URL).
    static func isURL(_ url: String) -> Bool {
        guard let scheme = urlScheme(url), let colon = url.firstIndex(of: ":") else { return false }
        var rest = url[url.index(after: colon)...]
        if rest.hasPrefix("//") {
            rest = rest.dropFirst(2)
            let hostEnd = rest.firstIndex(where: { "/?#".contains($0) }) ?? rest.endIndex
            if hostEnd != rest.startIndex { return true }
        }
        var path = rest.prefix { $0 != "?" && $0 != "#" }
        if schemesWithParameters.contains(scheme) {
            // `;params` of the last path segment are not part of the path.
            let lastSegment = path.lastIndex(of: "/") ?? path.startIndex
            if let semicolon = path[lastSegment...].firstIndex(of: ";") { path = path[..<semicolon] }
        }
        return !path.isEmpty
    }

    /// Python's `urllib.parse.uses_params`.
    private static let schemesWithParameters: Set<String> = [
        "ftp", "hdl", "prospero", "http", "imap", "https", "shttp", "rtsp", "rtsps", "rtspu", "sip", "sips",
        "mms", "sftp", "tel",
    ]
}

/// Builds the session: command line first, then the `[supervisorctl]` section
/// of the config file (given or found), then the defaults.
func makeSession(_ options: ControlOptions, executablePath: String) throws -> Session {
    var config = ControlConfig()
    let configPath = options.configFile ?? ConfigFileLocator.find(
        currentDirectory: WorkingDirectory.path() ?? "/", executablePath: executablePath,
        exists: { access($0, F_OK) == 0 })
    if let configPath {
        do {
            config = try ConfigLoader.loadControl(path: configPath, environment: ProcessEnvironment.dictionary())
        } catch {
            throw ControlOptions.UsageError(message: "\(error)")
        }
    }
    return Session(
        serverURL: options.serverURL ?? config.serverurl,
        username: options.username ?? config.username,
        password: options.password ?? config.password,
        prompt: config.prompt,
        historyFile: options.historyFile ?? config.historyFile,
        // With no action the shell starts, which counts as interactive too.
        interactive: options.interactive || options.arguments.isEmpty)
}
