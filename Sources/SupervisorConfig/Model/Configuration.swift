/// Everything read from a `supervisord.conf` and the files it includes.
public struct Configuration: Equatable, Sendable {
    /// The main file's path, absolute. (Messages name it as it was given.)
    public var path: String
    public var daemon = DaemonConfig()
    public var unixHTTPServer: UnixHTTPServerConfig?
    public var inetHTTPServer: InetHTTPServerConfig?
    /// Present when the file has a `[supervisorctl]` section.
    public var control: ControlConfig?
    /// Names of the `[rpcinterface:x]` sections (all the built-in interface); without
    /// `supervisor` the XML-RPC API has no `supervisor.*` methods.
    public var rpcInterfaces: [String] = []
    /// Sorted by ascending priority, then name, as the reference sorts them.
    public var groups: [GroupConfig] = []
    /// Messages the daemon logs once its log is open (the reference's parse warnings and infos).
    public var warnings: [String] = []
    public var infos: [String] = []

    public init(path: String) { self.path = path }
}

/// A configuration problem. `message` reads exactly as the reference's message for the same
/// problem (many of those name the section and file themselves); `file` and `line` say where
/// the offending key or section header was written.
public struct ConfigError: Error, Equatable, CustomStringConvertible, Sendable {
    public var message: String
    public var file: String?
    public var line: Int?

    public init(_ message: String, file: String? = nil, line: Int? = nil) {
        self.message = message
        self.file = file
        self.line = line
    }

    /// The message alone, as the daemon prints it after `Error: `.
    public var description: String { message }

    /// `file:line`, or the file alone, when known.
    public var location: String? {
        guard let file else { return nil }
        return line.map { "\(file):\($0)" } ?? file
    }
}
