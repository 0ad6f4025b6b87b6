/// A check of a process (extension): what `ready=` and `healthcheck=` name, after
/// `%(...)` expansion.
public enum ProbeSpec: Equatable, Sendable {
    /// `tcp:PORT` (host 127.0.0.1) or `tcp:HOST:PORT` (`[::1]:PORT` for IPv6): a connect succeeds.
    case tcp(host: String, port: Int)
    /// `http://HOST:PORT/PATH`: a GET answers 2xx or 3xx. `url` is the text as written.
    case http(url: String, host: String, port: Int, path: String)
    /// `exec:COMMAND ARGS`: the command exits 0 (the program's user, directory, environment).
    case exec(command: String)
    /// `log:REGEX` (readiness only): a line of stdout or stderr matches.
    case log(pattern: String)
    /// `notify` (readiness only): `READY=1` arrives on `$NOTIFY_SOCKET` (systemd's sd_notify).
    case notify

    /// The check as the main log and descriptions show it: `tcp:127.0.0.1:5432`,
    /// `http://…`, `exec:…`, `log:…`, `notify`.
    public var text: String {
        switch self {
        case .tcp(let host, let port): host.contains(":") ? "tcp:[\(host)]:\(port)" : "tcp:\(host):\(port)"
        case .http(let url, _, _, _): url
        case .exec(let command): "exec:" + command
        case .log(let pattern): "log:" + pattern
        case .notify: "notify"
        }
    }

    /// Whether it runs on a timer (`ready_interval`, `healthcheck_interval`) rather than
    /// waiting for something the process does.
    public var isPolled: Bool {
        switch self {
        case .tcp, .http, .exec: true
        case .log, .notify: false
        }
    }
}
