import SupervisorCommon

/// `ready=` and `healthcheck=` values (extensions), after `%(...)` expansion: exactly one check.
enum ProbeSpecParser {
    /// Any form: `tcp:`, `http://`, `exec:`, `log:` or `notify`.
    static func readiness(_ text: String) throws(InvalidValue) -> ProbeSpec {
        try parse(text, key: "ready")
    }

    /// The polled forms only: a health check asks again and again, while a log line or
    /// `READY=1` is something the process says once.
    static func healthCheck(_ text: String) throws(InvalidValue) -> ProbeSpec {
        let probe = try parse(text, key: "healthcheck")
        guard probe.isPolled else {
            let form = probe == .notify ? "notify" : "log:"
            throw InvalidValue("invalid healthcheck value \(pythonRepr(text)): \(form) is for ready only; "
                                   + "a healthcheck is tcp:, http:// or exec:")
        }
        return probe
    }

    private static func parse(_ written: String, key: String) throws(InvalidValue) -> ProbeSpec {
        let invalid = { (reason: String) in InvalidValue("invalid \(key) value \(pythonRepr(written)): \(reason)") }
        let text = written.trimmingWhitespace()
        // A command or a pattern is free text: commas, spaces and the word notify are its own.
        if let command = text.dropping(prefix: "exec:") {
            let command = command.trimmingWhitespace()
            guard !command.isEmpty else { throw invalid("exec: needs a command") }
            return .exec(command: command)
        }
        if let pattern = text.dropping(prefix: "log:").map(String.init) {
            guard !pattern.isEmpty else { throw invalid("log: needs a regular expression") }
            guard (try? Regex<AnyRegexOutput>(pattern)) != nil else {
                throw invalid("\(pythonRepr(pattern)) is not a valid regular expression")
            }
            return .log(pattern: pattern)
        }
        let words = text.split { $0 == "," || $0.isWhitespace }
        if words.count > 1 {
            throw invalid(words.contains("notify") ? "notify cannot be combined with another check"
                              : "\(key) takes one check")
        }
        if text == "notify" { return .notify }
        if let address = text.dropping(prefix: "tcp:") {
            // A bare port is a port on this host; a host always comes with its port.
            guard address.contains(":") else { return .tcp(host: "127.0.0.1", port: try port(address, invalid)) }
            let (host, portText) = try authority(address, invalid)
            guard let portText else { throw invalid("no port after the host") }
            return .tcp(host: host, port: try port(portText, invalid))
        }
        if let rest = text.dropping(prefix: "http://") {
            let pathStart = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
            let (host, portText) = try authority(rest[..<pathStart], invalid)
            var number = 80
            if let portText { number = try port(portText, invalid) }
            let path = rest[pathStart...]
            return .http(url: text, host: host, port: number, path: path.hasPrefix("/") ? String(path) : "/" + path)
        }
        if text.lowercased().hasPrefix("https://") {
            throw invalid("https is not supported; use http:// (or tcp: to check the port only)")
        }
        throw invalid("expected tcp:PORT, tcp:HOST:PORT, http://HOST:PORT/PATH, exec:COMMAND, log:REGEX or notify")
    }

    /// `HOST`, `HOST:PORT`, `[IPV6]` or `[IPV6]:PORT`.
    private static func authority(_ text: Substring, _ invalid: (String) -> InvalidValue)
        throws(InvalidValue) -> (host: String, port: Substring?) {
        let host: Substring
        let rest: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { throw invalid("no ] after the IPv6 address") }
            host = text[text.index(after: text.startIndex)..<close]
            rest = text[text.index(after: close)...]
            guard host.contains(":"), host.allSatisfy({ $0.isASCII && ($0.isHexDigit || ":.".contains($0)) }) else {
                throw invalid("\(pythonRepr(String(host))) is not an IPv6 address")
            }
            guard rest.isEmpty || rest.hasPrefix(":") else {
                throw invalid("unexpected \(pythonRepr(String(rest))) after the host")
            }
        } else {
            let colon = text.firstIndex(of: ":") ?? text.endIndex
            host = text[..<colon]
            rest = text[colon...]
            // A second colon can only be an IPv6 address written without its brackets.
            guard !rest.dropFirst().contains(":") else {
                throw invalid("an IPv6 address goes in brackets, as in [::1]")
            }
            guard !host.isEmpty, host.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || ".-_".contains($0)) })
            else { throw invalid("\(pythonRepr(String(host))) is not a host name or address") }
        }
        return (String(host), rest.isEmpty ? nil : rest.dropFirst())
    }

    private static func port(_ text: Substring, _ invalid: (String) -> InvalidValue) throws(InvalidValue) -> Int {
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isNumber }), let port = Int(text),
              (1...65535).contains(port) else {
            throw invalid("the port must be a number from 1 to 65535, not \(pythonRepr(String(text)))")
        }
        return port
    }
}

private extension String {
    /// The rest after `prefix`, or nil when the text does not start with it.
    func dropping(prefix: String) -> Substring? {
        hasPrefix(prefix) ? dropFirst(prefix.count) : nil
    }
}
