import SupervisorCommon

/// Conversions of config values, accepting exactly what the reference accepts.
/// Public so command-line options that override config keys can share them.
public enum ValueParsers {
    /// Python's `int()`: surrounding whitespace, an optional sign, digits with single `_` between them.
    public static func integer(_ text: String) throws(InvalidValue) -> Int {
        guard let value = parseInteger(text, radix: 10) else { throw notAnInteger(text) }
        return value
    }

    /// Octal, as for umasks and socket modes: `022`, `0o22` and `22` are the same.
    public static func octal(_ text: String) throws(InvalidValue) -> UInt32 {
        guard let value = parseInteger(text, radix: 8), let mode = UInt32(exactly: value) else {
            throw InvalidValue("\(text) can not be converted to an octal type")
        }
        return mode
    }

    public static func boolean(_ text: String) throws(InvalidValue) -> Bool {
        switch text.lowercased() {
        case "yes", "true", "on", "1": return true
        case "no", "false", "off", "0": return false
        default: throw InvalidValue("not a valid boolean value: \(pythonRepr(text))")
        }
    }

    /// A byte count with an optional, case-insensitive `KB`, `MB` or `GB` suffix (powers of 1024).
    public static func byteSize(_ text: String) throws(InvalidValue) -> Int {
        let lowered = text.lowercased()
        let multipliers: [(String, Int)] = [("kb", 1 << 10), ("mb", 1 << 20), ("gb", 1 << 30)]
        for (suffix, multiplier) in multipliers where lowered.hasSuffix(suffix) {
            let digits = String(lowered.dropLast(2))
            guard let count = parseInteger(digits, radix: 10) else { throw notAnInteger(digits) }
            let (product, overflow) = count.multipliedReportingOverflow(by: multiplier)
            guard !overflow else { throw notAnInteger(digits) }
            return product
        }
        guard let count = parseInteger(lowered, radix: 10) else { throw notAnInteger(lowered) }
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
                throw InvalidValue("not a valid list of exit codes: \(pythonRepr(text))")
            }
            codes.append(code)
        }
        return codes
    }

    public static func logLevel(_ text: String) throws(InvalidValue) -> LogLevel {
        guard let level = LogLevel.allCases.first(where: { $0.configName == text.lowercased() }) else {
            throw InvalidValue("bad logging level name \(pythonRepr(text))")
        }
        return level
    }

    public static func autoRestart(_ text: String) throws(InvalidValue) -> AutoRestart {
        let lowered = text.lowercased()
        if lowered == "unexpected" { return .unexpected }
        guard let restart = try? boolean(lowered) else {
            throw InvalidValue("invalid 'autorestart' value \(pythonRepr(lowered))")
        }
        return restart ? .always : .never
    }

    /// `host:port`, `*:port`, `:port` or `port`; the host is lower-cased and empty means every interface.
    public static func inetAddress(_ text: String) throws(InvalidValue) -> (host: String, port: Int) {
        guard let colon = text.lastIndex(of: ":") else {
            guard let port = try? portNumber(text) else {
                throw InvalidValue("not a valid port number: \(pythonRepr(text)) ")
            }
            return ("", port)
        }
        let host = String(text[..<colon]).lowercased()
        let portText = String(text[text.index(after: colon)...])
        if portText.isEmpty { throw InvalidValue("no port number specified in ''") }
        return (host == "*" ? "" : host, try portNumber(portText))
    }

    /// 1 to 65535.
    static func portNumber(_ text: String) throws(InvalidValue) -> Int {
        let port = try integer(text)
        if port < 1 { throw InvalidValue("\(port) is below lower bound (1)") }
        if port > 65535 { throw InvalidValue("\(port) is above upper bound (65535)") }
        return port
    }

    /// Process and group names end up in namespecs (`group:name`), event payloads and URLs,
    /// so the characters that would break those are refused.
    public static func processOrGroupName(_ text: String) throws(InvalidValue) -> String {
        let name = text.trimmingWhitespace()
        // A name without the character's byte cannot hold it (no other character is
        // canonically equivalent to these three): the Character search runs only on a hit.
        for (byte, character) in [(UInt8(ascii: " "), " "), (UInt8(ascii: ":"), ":"), (UInt8(ascii: "/"), "/")]
        where name.utf8.contains(byte) && name.contains(character) {
            throw InvalidValue("Invalid name: \(pythonRepr(text)) because of character: \(pythonRepr(character))")
        }
        return name
    }

    /// A user name or uid that must exist in the password database.
    public static func user(_ text: String) throws(InvalidValue) -> UserSpec {
        if let uid = parseInteger(text, radix: 10) {
            guard let id = UInt32(exactly: uid), let entry = Accounts.user(uid: id) else {
                throw InvalidValue("Invalid user id \(text)")
            }
            return UserSpec(name: text, uid: id, gid: entry.gid)
        }
        guard let entry = Accounts.user(named: text) else { throw InvalidValue("Invalid user name \(text)") }
        return UserSpec(name: text, uid: entry.uid, gid: entry.gid)
    }

    /// `user` or `user:group`, each a name or number that must exist. A missing group is
    /// `UInt32.max`, which `chown(2)` reads as "leave the group alone".
    public static func owner(_ text: String) throws(InvalidValue) -> OwnerSpec {
        let parts = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        guard let uid = try? user(parts[0]).uid else {
            throw InvalidValue("Invalid user:group definition \(text)")
        }
        guard parts.count == 2 else { return OwnerSpec(uid: uid, gid: UInt32.max) }
        let gid: UInt32?
        if let number = parseInteger(parts[1], radix: 10) {
            gid = UInt32(exactly: number).flatMap { Accounts.groupExists(gid: $0) ? $0 : nil }
        } else {
            gid = Accounts.groupID(named: parts[1])
        }
        guard let gid else { throw InvalidValue("Invalid user:group definition \(text)") }
        return OwnerSpec(uid: uid, gid: gid)
    }

    /// A directory that exists now; `~` is expanded.
    public static func existingDirectory(_ text: String, environment: [String: String]) throws(InvalidValue) -> String {
        let expanded = Paths.expandUser(text, environment: environment)
        guard Paths.isDirectory(expanded) else { throw InvalidValue("\(text) is not an existing directory") }
        return expanded
    }

    /// A file path whose directory exists now (a bare file name always passes); `~` is expanded.
    public static func existingDirectoryPath(_ text: String, environment: [String: String]) throws(InvalidValue) -> String {
        let expanded = Paths.expandUser(text, environment: environment)
        let directory = Paths.dirname(expanded)
        guard directory.isEmpty || Paths.isDirectory(directory) else {
            throw InvalidValue("The directory named as part of the path \(text) does not exist")
        }
        return expanded
    }

    static func notAnInteger(_ text: String) -> InvalidValue {
        InvalidValue("invalid literal for int() with base 10: \(pythonRepr(text))")
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
