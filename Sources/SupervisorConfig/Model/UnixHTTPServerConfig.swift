/// `[unix_http_server]`.
public struct UnixHTTPServerConfig: Equatable, Sendable {
    /// Absolute.
    public var file: String
    public var chmod: UInt32 = 0o700
    /// uid and gid; nil keeps the daemon's.
    public var chown: OwnerSpec?
    public var credentials: Credentials?
    public var monitoringAuth = MonitoringAuth()

    public init(file: String) { self.file = file }
}
