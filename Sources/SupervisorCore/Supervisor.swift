import CSupervisor
import Glibc
import NIOCore
import SupervisorCommon
import SupervisorConfig

/// The one owner of all supervision state. Everything here runs on `eventLoop`, in the
/// order events arrive: child exits, pipe data, timers, signals and API requests.
public final class Supervisor {
    public let eventLoop: EventLoop
    public private(set) var config: Configuration
    public let log: MainLog
    /// What children get as SUPERVISOR_SERVER_URL: the unix socket, else the TCP server.
    public let serverURL: String?
    /// The daemon's own environment, under every child's (read once: nothing here changes it),
    /// indexed once so that a spawn only looks up the names it sets on top of it.
    let daemonEnvironment = OrderedEnvironment(DaemonEnvironment.current())

    public private(set) var state: SupervisorState = .running
    /// What the daemon exits with: 0, or the status of the essential process that ended it.
    public private(set) var exitStatus: Int32 = 0
    /// Groups by name; `orderedGroups` gives them by priority.
    public private(set) var groups: [String: ProcessGroup] = [:]
    /// Group names in the order they were added, which breaks priority ties as the reference's stable sort does.
    private var groupOrder: [String] = []
    private var processesByPid: [pid_t: Subprocess] = [:]
    /// Children that are not supervised processes (probe commands): reaped like the
    /// others, their exit handed to whoever made them.
    private var auxiliaryByPid: [pid_t: (WaitStatus) -> Void] = [:]
    /// The children's stdout/stderr pipes.
    let outputPipes: OutputPipes
    /// Writes the formatted lines of child logs (timestamps, prefixes, JSON) on a thread of its own.
    let logWriter: LogWriter
    /// The processes' startsecs, stopwaitsecs and backoff timers.
    let timers: TimerQueue
    /// Who depends on whom (`depends_on`).
    let dependencies = DependencyIndex()
    /// Programs that changed state since waiting dependents last looked at them.
    private var changedDependencies: Set<String> = []
    /// Runs the polled checks (`ready=`, `healthcheck=`).
    private(set) lazy var probes = ProbeRunner(supervisor: self)
    /// CPU and memory of the processes, read only while someone watches (live views).
    public private(set) lazy var resources = ResourceSampler(supervisor: self)
    /// Where the processes' sd_notify sockets are (`ready=notify`, `watchdog_sec`).
    let notifySockets = NotifySockets()
    /// `cgroups=`: where the processes' cgroups are; nil when they run in the daemon's.
    let cgroups: CgroupTree?
    /// Reports changes of the processes' cgroup files (emptied, OOM kills).
    let cgroupWatcher = CgroupWatcher()
    /// Processes still to stop during shutdown, in tiers stopped together: dependents
    /// before what they depend on, then groups of equal priority, the highest number
    /// first. The last tier is the next to stop.
    private var stopTiers: [[Subprocess]] = []
    /// The last tier's processes, while it is being stopped.
    private var lastTierMembers: Set<ObjectIdentifier> = []
    /// Whether the last tier was told to stop.
    private var stopSentToLastTier = false
    /// Processes of the last tier not stopped yet, kept by their state changes.
    private var lastTierUnstopped = 0
    /// Set while `continueStopping` runs: the state changes it causes do not re-enter it.
    private var continuingStop = false
    /// Set while a `continueStopping` is queued for the loop's next turn.
    private var continueQueued = false
    private var shutdownReport: RepeatedTask?

    /// Subscribers to everything that happens (the event system, live UIs).
    public let events = EventHub()
    /// Delivers events to the event listener pools.
    private(set) var eventRouter: EventRouter!
    /// Makes and signals the children (a fake in the state machine's tests).
    let spawner: ChildSpawner
    /// Re-reads the config file with the command-line overrides (reloadConfig).
    public var configReader: (() throws -> Configuration)?
    /// The level of `reaped unknown pid` lines: orphans the daemon adopts are normal.
    public var unknownReapLevel: LogLevel = .info
    /// Called once when every process has stopped after a shutdown or restart request.
    public var onFinished: ((SupervisorState) -> Void)?

    public init(config: Configuration, eventLoop: EventLoop, log: MainLog, spawner: ChildSpawner = SystemSpawner(),
                cgroups: CgroupTree? = nil) {
        self.config = config
        self.eventLoop = eventLoop
        self.log = log
        self.spawner = spawner
        self.cgroups = cgroups
        outputPipes = OutputPipes(eventLoop: eventLoop, log: log)
        logWriter = LogWriter(eventLoop: eventLoop)
        timers = TimerQueue(eventLoop: eventLoop)
        if let unix = config.unixHTTPServer {
            serverURL = "unix://" + unix.file
        } else if let inet = config.inetHTTPServer {
            serverURL = "http://\(inet.host.isEmpty || inet.host == "*" ? "localhost" : inet.host):\(inet.port)"
        } else {
            serverURL = nil
        }
        eventRouter = EventRouter(supervisor: self)
        events.subscribe { [unowned self] event in self.eventRouter.route(event) }
    }

    /// The pids of the supervised processes that have a child now (what /metrics, the JSON
    /// API's list and the resource sampler read /proc for).
    public var livePids: [pid_t] {
        groups.values.flatMap { $0.processes.map(\.pid).filter { $0 != 0 } }
    }

    public var orderedGroups: [ProcessGroup] {
        groupOrder.enumerated()
            .map { (groups[$0.element]!, $0.offset) }
            .sorted { ($0.0.config.priority, $0.1) < ($1.0.config.priority, $1.1) }
            .map(\.0)
    }

    // MARK: - Running

    /// Adds the configured groups and starts the autostart processes in priority order.
    public func start() {
        eventLoop.preconditionInEventLoop()
        for groupConfig in config.groups { _ = addGroup(groupConfig) }
        events.publish(.supervisorStateChange(.running))
        for group in orderedGroups {
            for process in group.processes { process.startIfAutostart() }
        }
    }

    /// Adds a group from the current config and starts its autostart processes
    /// (addProcessGroup). Returns false when a group of that name exists.
    public func addGroupAndAutostart(_ groupConfig: GroupConfig) -> Bool {
        eventLoop.preconditionInEventLoop()
        guard addGroup(groupConfig), let group = groups[groupConfig.name] else { return false }
        for process in group.processes { process.startIfAutostart() }
        return true
    }

    /// Adds a group. Returns false when the name exists.
    func addGroup(_ groupConfig: GroupConfig) -> Bool {
        guard groups[groupConfig.name] == nil else { return false }
        let group = ProcessGroup(config: groupConfig, supervisor: self)
        groups[groupConfig.name] = group
        groupOrder.append(groupConfig.name)
        dependencies.add(group)
        if let pool = group.pool { eventRouter.add(pool) }
        events.publish(.processGroupAdded(groupConfig.name))
        return true
    }

    /// Removes a group whose processes are all stopped. Returns false otherwise.
    public func removeGroup(named name: String) -> Bool {
        eventLoop.preconditionInEventLoop()
        // A process waiting out the crash-loop second is about to run again: not removable.
        guard let group = groups[name], group.unstoppedProcesses.isEmpty,
              !group.processes.contains(where: \.isRestartPending) else { return false }
        group.removed()
        dependencies.remove(group)
        if let pool = group.pool { eventRouter.remove(pool) }
        groups[name] = nil
        groupOrder.removeAll { $0 == name }
        events.publish(.processGroupRemoved(name))
        return true
    }

    /// Differences between the running groups and a freshly read config:
    /// (added, changed, removed) group names, as reloadConfig reports them.
    public func difference(to newConfig: Configuration) -> (added: [String], changed: [String], removed: [String]) {
        let current = Dictionary(uniqueKeysWithValues: groups.values.map { ($0.name, $0.config) })
        let fresh = Dictionary(newConfig.groups.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let added = newConfig.groups.map(\.name).filter { current[$0] == nil }
        let changed = newConfig.groups.filter { current[$0.name] != nil && current[$0.name] != $0 }.map(\.name)
        let removed = orderedGroups.map(\.name).filter { fresh[$0] == nil }
        return (added, changed, removed)
    }

    /// Adopts a re-read config for later adds (reloadConfig keeps the running groups).
    public func replaceConfig(_ newConfig: Configuration) {
        eventLoop.preconditionInEventLoop()
        config = newConfig
    }

    // MARK: - Children

    func register(pid: pid_t, for process: Subprocess) {
        processesByPid[pid] = process
    }

    /// Registers a child that is not a supervised process (a probe command): its exit is
    /// passed to `onExit` instead of being logged as an unknown pid.
    func registerAuxiliary(pid: pid_t, onExit: @escaping (WaitStatus) -> Void) {
        auxiliaryByPid[pid] = onExit
    }

    /// Reaps every child that has exited (on SIGCHLD).
    public func reap() {
        eventLoop.preconditionInEventLoop()
        while true {
            var status: Int32 = 0
            let pid = waitpid(-1, &status, WNOHANG)
            if pid <= 0 { return }
            childExited(pid: pid, status: status)
        }
    }

    /// A reaped child: its process handles the exit.
    func childExited(pid: pid_t, status: Int32) {
        if let process = processesByPid.removeValue(forKey: pid) {
            process.finish(status: status)
        } else if let onExit = auxiliaryByPid.removeValue(forKey: pid) {
            onExit(WaitStatus(raw: status))
        } else {
            log.log(unknownReapLevel, "reaped unknown pid \(pid) (\(WaitStatus(raw: status).message))")
        }
    }

    func processStateChanged(_ process: Subprocess, from old: ProcessState, to new: ProcessState, expected: Bool) {
        events.publish(.processState(process: process, from: old, to: new, expected: expected))
        if !dependencies.dependents(of: process.config.programName).isEmpty { dependencyChanged(process) }
        guard state != .running else { return }
        if stopSentToLastTier, lastTierMembers.contains(ObjectIdentifier(process)) {
            if old.isStopped != new.isStopped { lastTierUnstopped += new.isStopped ? -1 : 1 }
            // What the reference's repeated stop_all would catch: a process of the tier being
            // stopped that (re)entered a state that needs stopping.
            process.stopForShutdown()
        }
        // On the loop's next turn, as the reference's main loop does: the transition
        // that stopped a process finishes (its "stopped:" line) before the next tier starts.
        guard !continueQueued else { return }
        continueQueued = true
        eventLoop.assumeIsolated().execute {
            self.continueQueued = false
            self.continueStopping()
        }
    }

    /// Waiting dependents of the process's program look at it again on the loop's next
    /// turn, once the transition has finished (the dependency's `success:` line comes
    /// before the dependent's `spawned:`).
    private func dependencyChanged(_ process: Subprocess) {
        let first = changedDependencies.isEmpty
        changedDependencies.insert(process.config.programName)
        guard first else { return }
        eventLoop.assumeIsolated().execute {
            let programs = self.changedDependencies
            self.changedDependencies = []
            for program in programs.sorted() {
                for dependent in self.dependencies.dependents(of: program) { dependent.resolveDependencies() }
            }
        }
    }

    /// A socket for the process's sd_notify messages, removed with the daemon's directory.
    func openNotifySocket(for process: Subprocess) throws -> NotifySocket {
        try NotifySocket(for: process.name, supervisor: self) { [unowned process] in process.notified($0) }
    }

    /// An `essential` process ended for good: stop everything, and exit with its status
    /// (1 when it has none: FATAL, or killed by a signal). Runs on the loop's next turn,
    /// after the transition that ended it has finished (its `exited:` line first).
    func essentialProcessEnded(_ process: Subprocess) {
        guard state == .running else { return }
        let status = process.exitStatus.flatMap { $0 >= 0 ? Int32($0) : nil } ?? 1
        let message = "essential process '\(process.name)' ended (\(process.state.name)); stopping everything, exit status \(status)"
        eventLoop.assumeIsolated().execute {
            guard self.state == .running else { return }
            self.log.warn(message)
            self.exitStatus = status
            self.requestStop(.shutdown)
        }
    }

    // MARK: - Signals

    public func handle(signal: Int32) {
        eventLoop.preconditionInEventLoop()
        switch signal {
        case SIGTERM, SIGINT, SIGQUIT:
            log.warn("received \(SignalName.of(signal)) indicating exit request")
            requestStop(.shutdown)
        case SIGHUP:
            if state == .shutdown {
                log.warn("ignored \(SignalName.of(signal)) indicating restart request (shutdown in progress)")
            } else {
                log.warn("received \(SignalName.of(signal)) indicating restart request")
                requestStop(.restarting)
            }
        case SIGCHLD:
            // Logged after the exits it reports, in the reference's order (it reaps first).
            reap()
            log.debug("received \(SignalName.of(signal)) indicating a child quit")
        case SIGUSR2:
            log.info("received \(SignalName.of(signal)) indicating log reopen request")
            reopenLogs()
        default:
            log.blather("received \(SignalName.of(signal)) indicating nothing")
        }
    }

    public func reopenLogs() {
        eventLoop.preconditionInEventLoop()
        log.info("supervisord logreopen")
        log.reopen()
        for group in groups.values { group.reopenLogs() }
    }

    // MARK: - Shutdown and restart

    public func publishRemoteCommunication(type: String, data: String) {
        eventLoop.preconditionInEventLoop()
        events.publish(.remoteCommunication(type: type, data: data))
    }

    /// Stops every group, one priority at a time in descending priority, then calls `onFinished`.
    public func requestStop(_ mood: SupervisorState) {
        eventLoop.preconditionInEventLoop()
        if state == .shutdown || (state == .restarting && mood == .restarting) { return }
        let first = state == .running
        state = mood
        guard first else { return }
        stopTiers = shutdownTiers()
        for group in groups.values {
            for process in group.processes { process.daemonStopping() }
        }
        events.publish(.supervisorStateChange(.shutdown))
        // Cancelled when the stop finishes, which ends the reference this keeps to self.
        let supervisor = NIOLoopBound(self, eventLoop: eventLoop)
        shutdownReport = eventLoop.scheduleRepeatedTask(initialDelay: .seconds(3), delay: .seconds(3)) { _ in
            supervisor.value.reportUnstopped()
        }
        continueStopping()
    }

    /// Stops the groups one priority at a time (all groups of that priority together, the
    /// later-added first), the next once the last is all stopped; then finishes. Runs
    /// after every state change during shutdown, so each step costs O(1).
    private func continueStopping() {
        guard !continuingStop else { return }
        continuingStop = true
        defer { continuingStop = false }
        while let tier = stopTiers.last {
            if !stopSentToLastTier {
                stopSentToLastTier = true
                lastTierMembers = Set(tier.map(ObjectIdentifier.init))
                lastTierUnstopped = tier.count(where: { !$0.state.isStopped })
                for process in tier { process.stopForShutdown() }
            }
            if lastTierUnstopped > 0 { return }
            stopTiers.removeLast()
            lastTierMembers = []
            stopSentToLastTier = false
        }
        guard groups.values.allSatisfy({ $0.unstoppedCount == 0 }), let finished = onFinished else { return }
        onFinished = nil
        eventRouter.stop()
        shutdownReport?.cancel()
        shutdownReport = nil
        outputPipes.close()
        logWriter.stop()
        notifySockets.remove()
        cgroupWatcher.stop()
        // Let the current event finish (e.g. an RPC reply) before tearing down.
        eventLoop.assumeIsolated().execute { finished(self.state) }
    }

    /// `processes` in the stages a stop of them goes through: dependents first, then what
    /// they depend on (one stage when none depends on another), each stage in the given order.
    public func stopStages(_ processes: [Subprocess]) -> [[Subprocess]] {
        guard !dependencies.isEmpty else { return [processes] }
        let levels = dependencies.stopLevels()
        let byLevel = Dictionary(grouping: processes) { levels[ObjectIdentifier($0)] ?? 0 }
        return byLevel.keys.sorted().map { byLevel[$0]! }
    }

    /// The shutdown's tiers, the first to stop last: by ascending dependency level (what
    /// nothing depends on first), then groups of equal priority, highest number first.
    /// Within a tier, the later-added group first, each group's processes in descending
    /// priority, as the reference stops them.
    private func shutdownTiers() -> [[Subprocess]] {
        let levels = dependencies.stopLevels()
        var tiers: [(level: Int, priority: Int, processes: [Subprocess])] = []
        for group in orderedGroups {
            let byLevel = Dictionary(grouping: group.processesByPriority) { levels[ObjectIdentifier($0)] ?? 0 }
            for (level, processes) in byLevel {
                if let index = tiers.firstIndex(where: { $0.level == level && $0.priority == group.config.priority }) {
                    tiers[index].processes = processes.reversed() + tiers[index].processes
                } else {
                    tiers.append((level, group.config.priority, processes.reversed()))
                }
            }
        }
        // Stopped from the end: the highest level last of all, and within a level the
        // highest priority number first.
        return tiers.sorted { $0.level != $1.level ? $0.level > $1.level : $0.priority < $1.priority }
            .map(\.processes)
    }

    private func reportUnstopped() {
        let unstopped = orderedGroups.flatMap(\.unstoppedProcesses)
        guard !unstopped.isEmpty else { return }
        log.info("waiting for \(unstopped.map(\.name).joined(separator: ", ")) to die")
        for process in unstopped { log.blather("\(process.name) state: \(process.state.name)") }
    }
}
