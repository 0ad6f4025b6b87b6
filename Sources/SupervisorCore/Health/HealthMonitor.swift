import SupervisorConfig

/// `healthcheck=` for one RUNNING process: repeats the check every `healthcheck_interval`,
/// counts consecutive failures and reports when the process turns unhealthy (after
/// `healthcheck_retries` of them) and healthy again (the first pass after that).
final class HealthMonitor {
    private let config: HealthCheckConfig
    private var probe: RepeatingProbe!
    private var failures = 0
    /// Nil until the first result that changes it.
    private var status: HealthStatus?
    /// Called when the status changes: the first pass, turning unhealthy (and each further
    /// failure while unhealthy), turning healthy again.
    private let onChange: (HealthStatus) -> Void

    init(_ config: HealthCheckConfig, for process: Subprocess, supervisor: Supervisor,
         onChange: @escaping (HealthStatus) -> Void) {
        self.config = config
        self.onChange = onChange
        probe = RepeatingProbe(config.probe, for: process, supervisor: supervisor, interval: config.interval,
                               timeout: config.timeout) { [unowned self] result in
            self.record(result)
            return true
        }
    }

    func begin() {
        probe.begin(waitingFirst: true)
    }

    func cancel() {
        probe.cancel()
    }

    private func record(_ result: ProbeResult) {
        switch result {
        case .passed:
            let changed = status != .healthy
            failures = 0
            status = .healthy
            if changed { onChange(.healthy) }
        case .failed(let reason):
            failures += 1
            // Once unhealthy, each further failure updates the count and the reason.
            guard failures >= config.retries else { return }
            status = .unhealthy(failures: failures, reason: reason)
            onChange(status!)
        }
    }
}
