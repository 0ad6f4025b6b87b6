/// A value that does not parse; the section reader adds where it was written.
public struct InvalidValue: Error, Equatable, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
}

/// Conversions of config values, accepting exactly what the reference accepts.
/// Public so command-line options that override config keys can share them.
public enum ValueParsers {
    /// Python's `int()`: surrounding whitespace, an optional sign, digits with single `_` between them.
    public static func integer(_ text: String) throws(InvalidValue) -> Int {
        guard let value = parseInteger(text, radix: 10) else { throw InvalidValue("'\(text)' is not an integer") }
        return value
    }

    /// Octal, as for umasks and socket modes: `022`, `0o22` and `22` are the same.
    public static func octal(_ text: String) throws(InvalidValue) -> UInt32 {
        guard let value = parseInteger(text, radix: 8), let mode = UInt32(exactly: value) else {
            throw InvalidValue("'\(text)' is not an octal number")
        }
        return mode
    }

    public static func boolean(_ text: String) throws(InvalidValue) -> Bool {
        switch text.lowercased() {
        case "yes", "true", "on", "1": return true
        case "no", "false", "off", "0": return false
        default: throw InvalidValue("'\(text)' is not a boolean (use true/false, yes/no, on/off or 1/0)")
        }
    }

    /// A byte count with an optional, case-insensitive `KB`, `MB` or `GB` suffix (powers of 1024).
    public static func byteSize(_ text: String) throws(InvalidValue) -> Int {
        let lowered = text.lowercased()
        let multipliers: [(String, Int)] = [("kb", 1 << 10), ("mb", 1 << 20), ("gb", 1 << 30)]
        for (suffix, multiplier) in multipliers where lowered.hasSuffix(suffix) {
            if let count = parseInteger(String(lowered.dropLast(2)), radix: 10) {
                let (product, overflow) = count.multipliedReportingOverflow(by: multiplier)
                if !overflow { return product }
            }
            throw InvalidValue("'\(text)' is not a byte size (such as 1024, 50KB, 50MB or 1GB)")
        }
        guard let count = parseInteger(lowered, radix: 10) else {
            throw InvalidValue("'\(text)' is not a byte size (such as 1024, 50KB, 50MB or 1GB)")
        }
        return count
    }

    /// Comma-separated, each item trimmed; an empty value is an empty list.
    public static func listOfStrings(_ text: String) -> [String] {
        text.isEmpty ? [] : text.split(separator: ",", omittingEmptySubsequences: false).map {
            String($0).trimmingWhitespace()
        }
    }

    /// Comma-separated exit statuses, each 0 to 255.
    public static func exitCodes(_ text: String) throws(InvalidValue) -> [Int] {
        if text.isEmpty { return [] }
        var codes: [Int] = []
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            guard let code = parseInteger(String(item), radix: 10), (0...255).contains(code) else {
                throw InvalidValue("'\(text)' is not a list of exit codes (integers 0-255 separated by commas)")
            }
            codes.append(code)
        }
        return codes
    }

    public static func logLevel(_ text: String) throws(InvalidValue) -> LogLevel {
        let levels: [String: LogLevel] = [
            "critical": .critical, "error": .error, "warn": .warn, "info": .info,
            "debug": .debug, "trace": .trace, "blather": .blather,
        ]
        guard let level = levels[text.lowercased()] else {
            throw InvalidValue("'\(text)' is not a log level (critical, error, warn, info, debug, trace or blather)")
        }
        return level
    }

    public static func autoRestart(_ text: String) throws(InvalidValue) -> AutoRestart {
        let lowered = text.lowercased()
        if lowered == "unexpected" { return .unexpected }
        guard let restart = try? boolean(lowered) else {
            throw InvalidValue("'\(text)' is not an autorestart value (true, false or unexpected)")
        }
        return restart ? .always : .never
    }

    /// `host:port`, `*:port`, `:port` or `port`; the host is lower-cased and empty means every interface.
    public static func inetAddress(_ text: String) throws(InvalidValue) -> (host: String, port: Int) {
        var host = ""
        var portText = text
        if let colon = text.lastIndex(of: ":") {
            host = String(text[..<colon]).lowercased()
            portText = String(text[text.index(after: colon)...])
            if portText.isEmpty { throw InvalidValue("'\(text)' has no port number") }
        }
        guard let port = parseInteger(portText, radix: 10), (1...65535).contains(port) else {
            throw InvalidValue("'\(portText)' is not a port number (1-65535)")
        }
        return (host == "*" ? "" : host, port)
    }

    /// Process and group names end up in namespecs (`group:name`), event payloads and URLs,
    /// so the characters that would break those are refused.
    public static func processOrGroupName(_ text: String) throws(InvalidValue) -> String {
        let name = text.trimmingWhitespace()
        for character in [" ", ":", "/"] where name.contains(character) {
            throw InvalidValue("invalid name '\(name)': it may not contain '\(character)'")
        }
        return name
    }

    /// A user name or uid that must exist in the password database.
    public static func user(_ text: String) throws(InvalidValue) -> UserSpec {
        if let uid = parseInteger(text, radix: 10) {
            guard let id = UInt32(exactly: uid), let entry = Accounts.user(uid: id) else {
                throw InvalidValue("no user with uid \(text)")
            }
            return UserSpec(name: text, uid: id, gid: entry.gid)
        }
        guard let entry = Accounts.user(named: text) else { throw InvalidValue("no user named '\(text)'") }
        return UserSpec(name: text, uid: entry.uid, gid: entry.gid)
    }

    /// `user` or `user:group`, each a name or number that must exist. A missing group is
    /// `UInt32.max`, which `chown(2)` reads as "leave the group alone".
    public static func owner(_ text: String) throws(InvalidValue) -> OwnerSpec {
        let parts = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        guard let uid = try? user(parts[0]).uid else {
            throw InvalidValue("'\(text)' is not a valid user or user:group")
        }
        guard parts.count == 2 else { return OwnerSpec(uid: uid, gid: UInt32.max) }
        let gid: UInt32?
        if let number = parseInteger(parts[1], radix: 10) {
            gid = UInt32(exactly: number).flatMap { Accounts.groupExists(gid: $0) ? $0 : nil }
        } else {
            gid = Accounts.groupID(named: parts[1])
        }
        guard let gid else { throw InvalidValue("'\(text)' is not a valid user or user:group") }
        return OwnerSpec(uid: uid, gid: gid)
    }

    /// A directory that exists now; `~` is expanded.
    public static func existingDirectory(_ text: String, environment: [String: String]) throws(InvalidValue) -> String {
        let expanded = Paths.expandUser(text, environment: environment)
        guard Paths.isDirectory(expanded) else { throw InvalidValue("'\(text)' is not an existing directory") }
        return expanded
    }

    /// A file path whose directory exists now (a bare file name always passes); `~` is expanded.
    public static func existingDirectoryPath(_ text: String, environment: [String: String]) throws(InvalidValue) -> String {
        let expanded = Paths.expandUser(text, environment: environment)
        let directory = Paths.dirname(expanded)
        guard directory.isEmpty || Paths.isDirectory(directory) else {
            throw InvalidValue("the directory of '\(text)' does not exist")
        }
        return expanded
    }

    static func parseInteger(_ text: String, radix: Int) -> Int? {
        var body = Substring(text.trimmingWhitespace())
        var negative = false
        if let sign = body.first, sign == "+" || sign == "-" {
            negative = sign == "-"
            body = body.dropFirst()
        }
        if radix == 8, body.lowercased().hasPrefix("0o") {
            body = body.dropFirst(2)
            if body.first == "_" { body = body.dropFirst() }
        }
        // Underscores may only separate digits.
        guard let first = body.first, first != "_", body.last != "_", !body.contains("__") else { return nil }
        guard let magnitude = Int(body.replacingUnderscores(), radix: radix), first != "+", first != "-" else {
            return nil
        }
        return negative ? -magnitude : magnitude
    }
}

private extension Substring {
    func replacingUnderscores() -> String { String(filter { $0 != "_" }) }
}
