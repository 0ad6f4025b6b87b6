/// `[inet_http_server]`.
public struct InetHTTPServerConfig: Equatable, Sendable {
    /// Empty or `*` means every interface.
    public var host: String
    public var port: Int
    public var credentials: Credentials?
    public var monitoringAuth = MonitoringAuth()

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }
}
