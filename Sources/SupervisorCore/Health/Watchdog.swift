import NIOCore

/// `watchdog_sec=` for one RUNNING process: each `WATCHDOG=1` on its notify socket pushes
/// the deadline back; reaching it calls `onExpired` once. One timer, re-armed per ping.
final class Watchdog {
    private unowned let supervisor: Supervisor
    private let period: TimeAmount
    private let onExpired: () -> Void
    private var timer: TimerQueue.Entry?

    init(seconds: Double, supervisor: Supervisor, onExpired: @escaping () -> Void) {
        self.supervisor = supervisor
        period = .fractionalSeconds(seconds)
        self.onExpired = onExpired
    }

    /// Arms it (on entering RUNNING) or pushes the deadline back (a ping).
    func ping() {
        cancel()
        timer = supervisor.timers.schedule(after: period) { [unowned self] in
            self.timer = nil
            // The handler may end this watchdog's owner (a restart): keep it for the call.
            withExtendedLifetime(self) { self.onExpired() }
        }
    }

    func cancel() {
        if let timer { supervisor.timers.cancel(timer) }
        timer = nil
    }
}
