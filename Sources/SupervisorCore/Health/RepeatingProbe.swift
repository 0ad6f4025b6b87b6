import NIOCore
import SupervisorConfig

/// A polled check (`tcp:`, `http://`, `exec:`) run again and again for one process: an
/// attempt, and `interval` after it ends the next, until the handler says enough or the
/// owner cancels. At most one attempt or one timer is pending at a time, so a process
/// with a check costs one wake-up per interval and nothing else does.
final class RepeatingProbe {
    private let spec: ProbeSpec
    private unowned let process: Subprocess
    private unowned let supervisor: Supervisor
    private let interval: TimeAmount
    private let timeout: TimeAmount
    /// Called with each result; returns whether to go on.
    private let onResult: (ProbeResult) -> Bool
    private var timer: TimerQueue.Entry?
    private var attempt: ProbeAttempt?
    private var cancelled = false

    init(_ spec: ProbeSpec, for process: Subprocess, supervisor: Supervisor, interval: Double, timeout: Double,
         onResult: @escaping (ProbeResult) -> Bool) {
        self.spec = spec
        self.process = process
        self.supervisor = supervisor
        self.interval = .fractionalSeconds(interval)
        self.timeout = .fractionalSeconds(timeout)
        self.onResult = onResult
    }

    /// Starts at once, or after one interval.
    func begin(waitingFirst: Bool) {
        if waitingFirst { scheduleNext() } else { runAttempt() }
    }

    func cancel() {
        cancelled = true
        attempt?.cancel()
        attempt = nil
        if let timer { supervisor.timers.cancel(timer) }
        timer = nil
    }

    private func runAttempt() {
        timer = nil
        // Held strongly until the attempt reports: the handler may end the probe's owner
        // (a stop on an unhealthy result), and this must outlive the call.
        attempt = supervisor.probes.run(spec, for: process, timeout: timeout) { [self] result in
            self.attempt = nil
            guard !self.cancelled, self.onResult(result), !self.cancelled else { return }
            self.scheduleNext()
        }
    }

    private func scheduleNext() {
        timer = supervisor.timers.schedule(after: interval) { [unowned self] in self.runAttempt() }
    }
}

extension TimeAmount {
    /// Seconds with fractions, as the config's timings are written.
    static func fractionalSeconds(_ value: Double) -> TimeAmount {
        .nanoseconds(Int64((value * 1_000_000_000).rounded()))
    }
}
