/// Which of a server's monitoring paths ask for its credentials (`metrics_auth`,
/// `probes_auth` in `[unix_http_server]` and `[inet_http_server]`): `/metrics` by default,
/// the orchestrator probes `/healthz` and `/readyz` not, since load balancers and
/// Kubernetes call them without credentials. A server without credentials asks for none.
public struct MonitoringAuth: Equatable, Sendable {
    public var metrics = true
    public var probes = false

    public init() {}
}
