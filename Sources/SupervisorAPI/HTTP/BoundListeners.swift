import SupervisorConfig

/// Listening sockets bound before the daemon forks, so that "address in use" is reported
/// in the foreground like the reference does; the event loop adopts them later.
public struct BoundListeners {
    struct Listener {
        let fd: Int32
        /// `unix_http_server` or `inet_http_server`, for log lines.
        let section: String
        let credentials: Credentials?
        let monitoringAuth: MonitoringAuth
        let unixPath: String?
    }

    var listeners: [Listener] = []

    public init() {}
}
