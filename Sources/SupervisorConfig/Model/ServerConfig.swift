/// Log verbosity of the main log, most to least severe.
public enum LogLevel: Int, Comparable, Sendable, CaseIterable {
    case critical = 50, error = 40, warn = 30, info = 20, debug = 10, trace = 5, blather = 3

    public var name: String {
        switch self {
        case .critical: "CRIT"
        case .error: "ERRO"
        case .warn: "WARN"
        case .info: "INFO"
        case .debug: "DEBG"
        case .trace: "TRAC"
        case .blather: "BLAT"
        }
    }

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

/// The `[supervisord]` section, with the reference's defaults.
public struct DaemonConfig: Equatable, Sendable {
    /// A path, made absolute against the working directory as the reference does (write
    /// `%(here)s/...` for the config's directory); `/dev/stdout` and the like are allowed, and
    /// `syslog` means the syslog service.
    public var logfile: String = "supervisord.log"
    public var logfileMaxBytes: Int = 50 * 1024 * 1024
    public var logfileBackups: Int = 10
    public var loglevel: LogLevel = .info
    /// Absolute, like `logfile`.
    public var pidfile: String = "supervisord.pid"
    public var umask: UInt32 = 0o022
    public var nodaemon: Bool = false
    public var silent: Bool = false
    public var minfds: Int = 1024
    public var minprocs: Int = 200
    public var nocleanup: Bool = false
    public var childlogdir: String = "/tmp"
    public var user: String?
    /// `user` looked up in the password database.
    public var userSpec: UserSpec?
    public var directory: String?
    public var stripAnsi: Bool = false
    public var environment: [EnvironmentVariable] = []
    public var identifier: String = "supervisor"

    public init() {}
}

public struct Credentials: Equatable, Sendable {
    public var username: String
    /// Plain text, or `{SHA}` followed by the hex SHA-1 of the password.
    public var password: String

    public init(username: String, password: String) {
        self.username = username
        self.password = password
    }
}

/// `[unix_http_server]`.
public struct UnixHTTPServerConfig: Equatable, Sendable {
    /// Absolute.
    public var file: String
    public var chmod: UInt32 = 0o700
    /// uid and gid; nil keeps the daemon's.
    public var chown: OwnerSpec?
    public var credentials: Credentials?

    public init(file: String) { self.file = file }
}

public struct OwnerSpec: Equatable, Sendable {
    public var uid: UInt32
    /// `UInt32.max` when only a user was given: `chown(2)` then leaves the group as it is.
    public var gid: UInt32

    public init(uid: UInt32, gid: UInt32) {
        self.uid = uid
        self.gid = gid
    }
}

/// `[inet_http_server]`.
public struct InetHTTPServerConfig: Equatable, Sendable {
    /// Empty or `*` means every interface.
    public var host: String
    public var port: Int
    public var credentials: Credentials?

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }
}

/// `[supervisorctl]`, with the reference's defaults.
public struct ControlConfig: Equatable, Sendable {
    public var serverurl: String = "http://localhost:9001"
    public var username: String?
    public var password: String?
    public var prompt: String = "supervisor"
    /// Absolute when set.
    public var historyFile: String?
    /// Things `supervisorctl` should mention but that do not stop it (such as ignored plugins).
    public var warnings: [String] = []

    public init() {}
}
