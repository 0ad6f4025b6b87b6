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

    private static let shortOptions: [Character: (name: String, takesValue: Bool)] = [
        "h": ("help", false), "?": ("help", false), "c": ("configuration", true), "i": ("interactive", false),
        "s": ("serverurl", true), "u": ("username", true), "p": ("password", true), "r": ("history_file", true),
    ]
    private static let longOptions: [(name: String, takesValue: Bool)] = [
        ("help", false), ("configuration", true), ("interactive", false), ("serverurl", true),
        ("username", true), ("password", true), ("history_file", true),
    ]

    static func parse(_ args: [String]) throws -> ControlOptions {
        var options = ControlOptions()
        var pairs: [(flag: String, name: String, value: String?)] = []
        var rest = args[...]
        while let word = rest.first, word.hasPrefix("-"), word != "-" {
            rest = rest.dropFirst()
            if word == "--" { break }
            if word.hasPrefix("--") {
                var text = word.dropFirst(2)
                var value: String?
                if let eq = text.firstIndex(of: "=") {
                    value = String(text[text.index(after: eq)...])
                    text = text[..<eq]
                }
                let option = try matchLong(String(text))
                if option.takesValue && value == nil {
                    guard let next = rest.first else { throw UsageError(message: "option --\(option.name) requires argument") }
                    value = next
                    rest = rest.dropFirst()
                } else if !option.takesValue && value != nil {
                    throw UsageError(message: "option --\(option.name) must not have an argument")
                }
                pairs.append(("--\(option.name)", option.name, value))
                continue
            }
            var cluster = word.dropFirst()
            while let letter = cluster.first {
                cluster = cluster.dropFirst()
                guard let option = shortOptions[letter] else { throw UsageError(message: "option -\(letter) not recognized") }
                var value: String?
                if option.takesValue {
                    if !cluster.isEmpty {
                        value = String(cluster)
                        cluster = ""
                    } else if let next = rest.first {
                        value = next
                        rest = rest.dropFirst()
                    } else {
                        throw UsageError(message: "option -\(letter) requires argument")
                    }
                }
                pairs.append(("-\(letter)", option.name, value))
            }
        }
        options.arguments = Array(rest)

        for (flag, name, value) in pairs {
            func set(_ slot: inout String?) throws {
                guard slot == nil else { throw UsageError(message: "conflicting command line option \(pythonRepr(flag))") }
                slot = value
            }
            switch name {
            case "help":
                options.wantsHelp = true
                return options
            case "configuration": try set(&options.configFile)
            case "interactive":
                guard !options.interactive else {
                    throw UsageError(message: "conflicting command line option \(pythonRepr(flag))")
                }
                options.interactive = true
            case "serverurl":
                let url = value ?? ""
                guard isURL(url) else {
                    throw UsageError(message: "invalid value for \(flag) \(pythonRepr(url)): value \(pythonRepr(url)) is not a URL")
                }
                try set(&options.serverURL)
            case "username": try set(&options.username)
            case "password": try set(&options.password)
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

    private static func matchLong(_ text: String) throws -> (name: String, takesValue: Bool) {
        let candidates = longOptions.filter { $0.name.hasPrefix(text) }
        if let exact = candidates.first(where: { $0.name == text }) { return exact }
        guard let only = candidates.first else { throw UsageError(message: "option --\(text) not recognized") }
        guard candidates.count == 1 else { throw UsageError(message: "option --\(text) not a unique prefix") }
        return only
    }
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
