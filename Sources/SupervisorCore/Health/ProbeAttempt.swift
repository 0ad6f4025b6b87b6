import NIOCore

/// One attempt of a polled check, as `ProbeRunner.run` started it: its result is handed
/// over once, on the loop, never before `run` has returned, and never after `cancel`.
final class ProbeAttempt {
    private unowned let supervisor: Supervisor
    private var onResult: ((ProbeResult) -> Void)?
    private var timer: TimerQueue.Entry?
    /// Kept until the result is in or the attempt is cancelled.
    private var work: (any ProbeWork)?

    init(supervisor: Supervisor, onResult: @escaping (ProbeResult) -> Void) {
        self.supervisor = supervisor
        self.onResult = onResult
    }

    /// Starts `work`, which reports through `finish`, and the timeout.
    func begin(_ work: any ProbeWork, timeout: TimeAmount) {
        self.work = work
        let reason = "timed out after \(Self.secondsText(timeout)) seconds"
        timer = supervisor.timers.schedule(after: timeout) { [unowned self] in
            self.timer = nil
            self.work?.timeUp(reason: reason)
        }
        work.start()
    }

    /// The work's result. Handed over on the loop's next turn, so that a work failing
    /// at once (a command that cannot be spawned) does not call back inside `run`.
    func finish(_ result: ProbeResult) {
        guard work != nil else { return }
        stopTimer()
        work = nil
        supervisor.eventLoop.assumeIsolated().execute {
            guard let onResult = self.onResult else { return }
            self.onResult = nil
            onResult(result)
        }
    }

    /// Abandons the attempt: no result is handed over, the connection is closed, the
    /// command killed (it is still reaped).
    func cancel() {
        onResult = nil
        stopTimer()
        let cancelled = work
        work = nil
        cancelled?.cancel()
    }

    private func stopTimer() {
        if let timer { supervisor.timers.cancel(timer) }
        timer = nil
    }

    /// Seconds as messages show them: `5`, `0.2` (no needless `.0`).
    static func secondsText(_ amount: TimeAmount) -> String {
        let seconds = Double(amount.nanoseconds) / 1_000_000_000
        return seconds == seconds.rounded() ? String(Int64(seconds)) : String(seconds)
    }
}
