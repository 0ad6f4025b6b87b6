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
