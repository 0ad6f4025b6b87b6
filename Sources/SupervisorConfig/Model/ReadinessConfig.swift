/// `ready=` and its timings (extension): what turns STARTING into RUNNING instead of `startsecs`.
public struct ReadinessConfig: Equatable, Sendable {
    public var probe: ProbeSpec
    /// `ready_timeout`, seconds: not ready by then is a failed start.
    public var timeout: Double = 60
    /// `ready_interval`, seconds between polled checks.
    public var interval: Double = 1
    /// Seconds one polled attempt may take (`healthcheck_timeout`, which bounds both).
    public var attemptTimeout: Double = 5

    public init(probe: ProbeSpec) {
        self.probe = probe
    }
}
