import Glibc
import NIOCore
import SupervisorConfig

/// `memory_limit` for one process with a child: samples the resident memory of its tree
/// every `memory_check_interval` and calls `onExceeded` with the figure the first time it
/// passes the limit. Only processes with a limit have one, so the others cost nothing.
final class MemoryWatch {
    private unowned let supervisor: Supervisor
    private let limit: Int
    private let interval: TimeAmount
    private let pid: pid_t
    private let onExceeded: (Int) -> Void
    private var timer: TimerQueue.Entry?

    init(pid: pid_t, limit: Int, interval: Double, supervisor: Supervisor, onExceeded: @escaping (Int) -> Void) {
        self.pid = pid
        self.limit = limit
        self.supervisor = supervisor
        self.interval = .fractionalSeconds(interval)
        self.onExceeded = onExceeded
    }

    func begin() {
        timer = supervisor.timers.schedule(after: interval) { [unowned self] in self.sample() }
    }

    func cancel() {
        if let timer { supervisor.timers.cancel(timer) }
        timer = nil
    }

    private func sample() {
        timer = nil
        // One tree, walked (a whole-system scan pays off only for many roots).
        guard let bytes = ProcessResources.trees(of: [pid], scanning: false)[pid]?.residentBytes else { return }
        if bytes > limit {
            onExceeded(bytes)
        } else {
            begin()
        }
    }

    /// `61.2 MB`, in the 1024-based megabytes `memory_limit=` is written in.
    static func megabytes(_ bytes: Int) -> String {
        let tenths = (Double(bytes) / 1_048_576 * 10).rounded()
        return "\(Int(tenths) / 10).\(Int(tenths) % 10) MB"
    }
}
