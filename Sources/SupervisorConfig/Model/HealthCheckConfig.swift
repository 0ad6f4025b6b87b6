/// `healthcheck=` and its settings (extension): a check run while the process is RUNNING.
public struct HealthCheckConfig: Equatable, Sendable {
    /// What to do once a process is unhealthy.
    public enum Action: String, Equatable, Sendable, CaseIterable {
        case restart
        case stop
        /// Only report it (description, events).
        case none
    }

    /// `tcp:`, `http://` or `exec:`.
    public var probe: ProbeSpec
    /// `healthcheck_interval`, seconds between checks.
    public var interval: Double = 10
    /// `healthcheck_timeout`, seconds a check may take before it counts as failed.
    public var timeout: Double = 5
    /// `healthcheck_retries`: consecutive failures that make the process unhealthy.
    public var retries: Int = 3
    /// `healthcheck_action`.
    public var action: Action = .restart

    public init(probe: ProbeSpec) {
        self.probe = probe
    }
}
