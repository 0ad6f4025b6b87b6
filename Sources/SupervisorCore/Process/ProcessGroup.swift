import SupervisorCommon
import SupervisorConfig

/// Processes started and stopped together, from one group section.
public final class ProcessGroup {
    public let config: GroupConfig
    /// In configuration order (a `[group:x]` lists each program's processes in turn).
    public private(set) var processes: [Subprocess] = []
    /// Ascending priority, configuration order among equals: how the reference starts a
    /// group (it stops in the reverse).
    public private(set) var processesByPriority: [Subprocess] = []
    /// How many of its processes are not in a stopped state, kept up to date by their
    /// state changes (shutdown asks after every one of them).
    private(set) var unstoppedCount = 0
    /// Set when this group is an `[eventlistener:x]` pool.
    public private(set) var pool: EventListenerPool?
    /// Set when this group is an `[fcgi-program:x]`: the socket its processes share.
    private(set) var fastCGISocket: FastCGISocket?

    public var name: String { config.name }

    init(config: GroupConfig, supervisor: Supervisor) {
        self.config = config
        processes = config.processes.map { Subprocess(config: $0, group: self, supervisor: supervisor) }
        processesByPriority = processes.enumerated()
            .sorted { ($0.element.config.priority, $0.offset) < ($1.element.config.priority, $1.offset) }
            .map(\.element)
        if case .eventListenerPool(let poolConfig) = config.kind {
            let pool = EventListenerPool(group: self, config: poolConfig, supervisor: supervisor)
            for process in processes { process.makeListener(of: pool) }
            self.pool = pool
        }
        if case .fastCGI(let socketConfig) = config.kind {
            fastCGISocket = FastCGISocket(config: socketConfig, log: supervisor.log)
        }
    }

    public func process(named name: String) -> Subprocess? {
        processes.first { $0.name == name }
    }

    func processChanged(from old: ProcessState, to new: ProcessState) {
        if old.isStopped && !new.isStopped { unstoppedCount += 1 }
        if !old.isStopped && new.isStopped { unstoppedCount -= 1 }
    }

    public var unstoppedProcesses: [Subprocess] {
        processes.filter { !$0.state.isStopped }
    }

    func reopenLogs() {
        for process in processes { process.logs.reopen() }
    }

    func removed() {
        for process in processes { process.markRemoved() }
    }
}
