/// What the last health checks of a RUNNING process found (`healthcheck=`, `watchdog_sec`).
public enum HealthStatus: Equatable, Sendable {
    case healthy
    /// `failures` consecutive failed checks (at least `healthcheck_retries`), the last for `reason`.
    case unhealthy(failures: Int, reason: String)

    public var isUnhealthy: Bool {
        if case .unhealthy = self { return true }
        return false
    }

    /// How descriptions end: `healthy`, `unhealthy (3 failures: connection refused)`.
    public var text: String {
        switch self {
        case .healthy: "healthy"
        case .unhealthy(let failures, let reason): "unhealthy (\(Self.count(failures)): \(reason))"
        }
    }

    /// `1 failure`, `3 failures`.
    static func count(_ failures: Int) -> String {
        failures == 1 ? "1 failure" : "\(failures) failures"
    }
}
