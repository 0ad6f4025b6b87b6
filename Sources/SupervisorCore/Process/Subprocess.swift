import CSupervisor
import Glibc
import NIOCore
import SupervisorCommon
import SupervisorConfig

/// One supervised process and its state machine, as the reference defines it.
/// Transitions happen on events (spawn, exit, timers) on the supervisor's event loop;
/// nothing polls.
public final class Subprocess {
    public let config: ProcessConfig
    public unowned let group: ProcessGroup
    unowned let supervisor: Supervisor

    public private(set) var state: ProcessState = .stopped
    public private(set) var pid: pid_t = 0
    /// Wall-clock seconds of the last spawn and the last exit; 0 when never.
    public private(set) var lastStart: Double = 0
    public private(set) var lastStop: Double = 0
    public private(set) var exitStatus: Int?
    public private(set) var spawnError: String?
    /// Spawns and unexpected exits so far (restarts keep adding to them).
    public private(set) var counters = ProcessCounters()
    /// The state machine: decides every transition; `state` is what was last published.
    private var lifecycle: ProcessLifecycle
    /// The process's one timer (startsecs, stopwaitsecs or the backoff delay).
    private var timer: TimerQueue.Entry?
    /// Loop time of the last spawn, for the "exited too quickly" decision.
    private var startedAt: NIODeadline = .uptimeNanoseconds(0)
    /// Loop time of the last spawn that made a child: automatic spawns keep a second apart.
    private var spawnedAt: NIODeadline = .uptimeNanoseconds(0)
    /// Loop time it last entered RUNNING (`restart_delay_max` starts the delays over after
    /// a run that long).
    private var runningSince: NIODeadline?
    /// The status being handled while an exit's steps are carried out.
    private var reaped: WaitStatus?
    /// Set by a stop signal that could not be sent, for the stop request to return.
    private var signalFailure: String?

    public let logs: ChildLogs
    private var stdin: StdinWriter?
    /// The current child's stdout/stderr pipes, read once more when it exits.
    private var outputPipes: [OutputPipe] = []
    /// Set for members of an event listener pool: their stdout speaks the listener protocol.
    private(set) var listener: ListenerSession?
    private var stdoutCapture: CaptureMode
    private var stderrCapture: CaptureMode

    /// Called on every state change, after it (callers waiting for RUNNING or STOPPED).
    private let stateObservers = ObserverList<Subprocess>()

    /// STARTING without a child: the dependencies (`depends_on`) it still waits for.
    public private(set) var waitingFor: [String] = []
    /// The last `STATUS=` it sent on its notify socket during this run (sd_notify).
    public private(set) var notifyStatus: String?
    /// What its health checks last found while RUNNING (nil before the first result).
    public private(set) var health: HealthStatus?
    /// `ready=`: the check that makes STARTING become RUNNING, while it runs.
    private var readiness: RepeatingProbe?
    private var readinessMatcher: LineMatcher?
    private var healthMonitor: HealthMonitor?
    private var watchdog: Watchdog?
    /// `memory_limit`: samples the current child's tree while it exists.
    private var memoryWatch: MemoryWatch?
    /// `$NOTIFY_SOCKET` of the current child (`ready=notify`, `watchdog_sec`).
    private(set) var notifySocket: NotifySocket?
    /// `cgroups=`: the cgroup its children run in, from the first spawn on.
    private var cgroup: ProcessCgroup?

    init(config: ProcessConfig, group: ProcessGroup, supervisor: Supervisor) {
        self.config = config
        self.group = group
        self.supervisor = supervisor
        self.logs = ChildLogs(config: config, group: group.name, supervisor: supervisor)
        lifecycle = ProcessLifecycle(policy: .init(config))
        stdoutCapture = CaptureMode(maxBytes: config.stdout.captureMaxBytes)
        stderrCapture = CaptureMode(maxBytes: config.stderr.captureMaxBytes)
    }

    func makeListener(of pool: EventListenerPool) {
        listener = ListenerSession(pool: pool)
    }

    var log: MainLog { supervisor.log }
    public var name: String { config.name }
    /// What the process should be doing (the observed state is `state`).
    public var wanted: WantedState { lifecycle.wanted }
    /// Consecutive failed starts, which also sets the delay before the next (1 s, 2 s, …),
    /// as last published (events report it with the state it goes with).
    public private(set) var backoff = 0
    /// EXITED, and to be restarted once a second has passed since its last spawn.
    public var isRestartPending: Bool { lifecycle.isRestartPending }
    /// RUNNING, STARTING or BACKOFF, or waiting out the crash-loop second to run again:
    /// what a start refuses as already started and a stop of several processes acts on.
    public var countsAsRunning: Bool { state.isRunning || isRestartPending }
    /// Whether it was sent its stop signal and has not exited yet.
    public var isStopping: Bool { lifecycle.state == .stopping }
    /// Whether its last exit had one of its `exitcodes` (a `completed` dependency).
    var exitedAsExpected: Bool { exitStatus.map(config.exitcodes.contains) ?? false }

    // MARK: - Starting

    /// Why the command cannot run, checked before a start request (startProcess faults on it).
    public enum CommandProblem: Error {
        case notFound(String)
        case notExecutable(String)
    }

    public func checkCommand() -> CommandProblem? {
        // Unreadable environment files are the spawn's failure to report (BACKOFF, then FATAL).
        guard let environment = try? Spawner.makeEnvironment(self) else { return nil }
        do {
            _ = try Spawner.resolveCommand(config.command, environment: environment)
            return nil
        } catch let failure as SpawnFailure {
            return failure.kind == .notFound ? .notFound(failure.message) : .notExecutable(failure.message)
        } catch {
            return .notExecutable("\(error)")
        }
    }

    /// Starts the program (a start request; autostart). A child that is still stopping
    /// is left alone.
    public func start() {
        handle(.start)
    }

    /// Autostart at daemon start.
    func startIfAutostart() {
        if state == .stopped && lastStart == 0 && config.autostart { handle(.start) }
    }

    /// What the child's stdout and stderr are connected to.
    private func launchPlan(stdinSocket: Int32?, cgroup: Int32?) throws(SpawnFailure) -> LaunchPlan {
        LaunchPlan(name: config.name, command: config.command, environment: try Spawner.makeEnvironment(self) + notifyEnvironment,
                   directory: config.directory, umask: config.umask, user: config.user,
                   stdin: stdinSocket.map { .socket($0) } ?? .pipe,
                   stdout: discards(config.stdout, stream: .stdout) ? .discard : .pipe,
                   stderr: config.redirectStderr ? .stdout : discards(config.stderr, stream: .stderr) ? .discard : .pipe,
                   cgroup: cgroup)
    }

    /// True when nothing would use what the child writes on `stream`: no log file, no
    /// capture, no events, no syslog, not a listener's protocol, no debug echo in the main
    /// log. The child then writes to /dev/null; the reference reads such output from a
    /// pipe only to drop it, which costs a descriptor and a wake-up per write.
    private func discards(_ channel: ChannelLogConfig, stream: OutputChannel) -> Bool {
        channel.logfile == .none && channel.captureMaxBytes == 0 && !channel.eventsEnabled && !channel.syslog
            && !(stream == .stdout && listener != nil) && !log.isEnabled(.debug)
    }

    /// The `.launch` step: makes the child and reports the outcome to the state machine.
    private func launch() {
        let child: LaunchedChild
        do {
            let cgroupFD = try openCgroup()
            defer { if let cgroupFD { close(cgroupFD) } }
            if config.usesNotifySocket { notifySocket = try supervisor.openNotifySocket(for: self) }
            let socket = try group.fastCGISocket?.acquire()
            do {
                child = try supervisor.spawner.launch(launchPlan(stdinSocket: socket, cgroup: cgroupFD))
            } catch {
                group.fastCGISocket?.release()
                throw error
            }
        } catch {
            spawnError = (error as? SpawnFailure)?.message ?? "\(error)"
            closeNotifySocket()
            log.info("spawnerr: \(spawnError!)")
            handle(.spawnFailed)
            return
        }
        pid = child.pid
        counters.spawns += 1
        spawnedAt = supervisor.eventLoop.now
        stdin = child.stdinFD >= 0 ? StdinWriter(fd: child.stdinFD, eventLoop: supervisor.eventLoop) : nil
        listener?.restart()
        stdoutCapture = CaptureMode(maxBytes: config.stdout.captureMaxBytes)
        stderrCapture = CaptureMode(maxBytes: config.stderr.captureMaxBytes)
        supervisor.register(pid: child.pid, for: self)
        outputPipes = [(child.stdoutFD, OutputChannel.stdout), (child.stderrFD, .stderr)]
            .filter { $0.0 >= 0 }
            .compactMap { supervisor.outputPipes.attach(fd: $0.0, stream: $0.1, process: self) }
        log.info("spawned: '\(name)' with pid \(child.pid)")
        watchMemory()
        if let failure = child.childFailure {
            // The child reported it on its stderr too; its exit (127) drives the state.
            log.debug("child of '\(name)' failed before exec: \(failure)")
        }
        handle(.spawned)
    }

    // MARK: - Stopping and signals

    /// A stop request: the stop signal, then SIGKILL after stopwaitsecs; a process in
    /// BACKOFF just stops retrying. Returns an error message when there was nothing to
    /// stop or the signal could not be sent.
    @discardableResult
    public func stop() -> String? {
        guard lifecycle.hasChild || lifecycle.state == .backoff || lifecycle.isRestartPending
                || lifecycle.awaitsDependencies else {
            let message = "attempted to kill \(name) with sig \(SignalName.of(config.stopsignal)) but it wasn't running"
            log.debug(message)
            return message
        }
        signalFailure = nil
        handle(.stop)
        defer { signalFailure = nil }
        return signalFailure
    }

    /// Its turn in the daemon's shutdown.
    func stopForShutdown() {
        handle(.stopForShutdown)
    }

    /// The daemon is stopping: nothing is started again.
    func daemonStopping() {
        handle(.daemonStopping)
    }

    /// Sends the stop signal or SIGKILL (the `.sendStopSignal` / `.sendKill` steps).
    private func sendStop(_ signal: Int32, toGroup asGroup: Bool) {
        // Reaped already, its exit waiting for the rest of its cgroup: the pid may be reused.
        if cgroup?.holdsExit == true { return }
        let err = supervisor.spawner.send(signal, to: asGroup ? -pid : pid)
        guard err != 0 else { return }
        if err == ESRCH {
            // It exited on its own; the exit event will finish the stop.
            log.debug("unable to signal \(name) (pid \(pid)), it probably just exited on its own: \(String(cString: strerror(err)))")
            return
        }
        let message = "unknown problem killing \(name) (\(pid)):\(String(cString: strerror(err)))"
        log.critical(message)
        signalFailure = message
        handle(.signalFailed)
    }

    /// Sends a signal without the intent to stop (signalProcess).
    public func signal(_ signal: Int32) -> String? {
        guard pid != 0 else {
            let message = "attempted to send \(name) sig \(SignalName.of(signal)) but it wasn't running"
            log.debug(message)
            return message
        }
        log.debug("sending \(name) (pid \(pid)) sig \(SignalName.of(signal))")
        if cgroup?.holdsExit == true {
            log.debug("not signalling \(name) (pid \(pid)): it exited, what it left in its cgroup is still running")
            return nil
        }
        let err = supervisor.spawner.send(signal, to: pid)
        guard err != 0 else { return nil }
        if err == ESRCH {
            log.debug("unable to signal \(name) (pid \(pid)), it probably just now exited on its own: \(String(cString: strerror(err)))")
            return nil
        }
        let message = "unknown problem sending sig \(name) (\(pid)):\(String(cString: strerror(err)))"
        log.critical(message)
        handle(.signalFailed)
        return message
    }

    // MARK: - Exit

    /// The child was reaped with `status`. In a cgroup of its own, its exit counts once
    /// whatever it left there has ended too.
    func finish(status: Int32) {
        guard let cgroup else { return exited(status: status) }
        // The pid may be reused from now on: no more memory samples of it.
        memoryWatch?.cancel()
        cgroup.whenEmpty { [unowned self] in self.exited(status: status) }
    }

    private func exited(status: Int32) {
        let decoded = WaitStatus(raw: status)
        lastStop = WallClock.now()
        let now = supervisor.eventLoop.now
        let ranFor = now - startedAt
        let stayedUp = config.restartDelayMax > 0
            && runningSince.map { now - $0 >= .fractionalSeconds(config.restartDelayMax) } == true
        closeStdin()
        // What it wrote before exiting is logged (and its log events sent) before its exit.
        for pipe in outputPipes { supervisor.outputPipes.drain(pipe) }
        outputPipes = []
        logs.endOfOutput()
        endReadinessCheck()
        closeNotifySocket()
        memoryWatch?.cancel()
        memoryWatch = nil
        reaped = decoded
        defer { reaped = nil }
        handle(.exited(expected: config.exitcodes.contains(decoded.exitCode),
                       tooQuickly: ranFor < .seconds(Int64(config.startsecs)),
                       soonAfterSpawn: ranFor < Self.respawnFloor, stayedUp: stayedUp))
    }

    private func recordExit(_ outcome: ExitOutcome) {
        guard let reaped else { return }
        switch outcome {
        case .stopped, .exited(expected: true):
            exitStatus = reaped.exitCode
        case .tooQuickly:
            exitStatus = nil
            spawnError = "Exited too quickly (process log may have details)"
        case .notReady:
            exitStatus = nil
            spawnError = "not ready within \(ProbeAttempt.secondsText(.fractionalSeconds(config.ready?.timeout ?? 0))) seconds (ready_timeout)"
        case .exited(expected: false):
            exitStatus = reaped.exitCode
            spawnError = "Bad exit code \(reaped.exitCode)"
        }
        if let report = cgroup?.oomReport { spawnError = report }
    }

    private func reportExit(_ outcome: ExitOutcome) {
        guard let reaped else { return }
        switch outcome {
        case .stopped:
            let message = "stopped: \(name) (\(reaped.message))"
            if config.exitcodes.contains(reaped.exitCode) { log.info(message) } else { log.warn(message) }
        case .tooQuickly, .notReady, .exited(expected: false):
            counters.unexpectedExits += 1
            log.warn("exited: \(name) (\(reaped.message); not expected)")
        case .exited(expected: true):
            log.info("exited: \(name) (\(reaped.message); expected)")
        }
    }

    // MARK: - State machine

    /// Feeds `event` to the state machine and carries out its steps in order. Steps may
    /// feed further events (a launch reports whether it made a child).
    private func handle(_ event: LifecycleEvent) {
        supervisor.eventLoop.assertInEventLoop()
        for step in lifecycle.handle(event) { perform(step) }
    }

    private func perform(_ step: LifecycleStep) {
        switch step {
        case .clearLastRun:
            notifyStatus = nil
            spawnError = nil
            exitStatus = nil
            lastStart = WallClock.now()
            startedAt = supervisor.eventLoop.now
        case .setTries(let tries):
            backoff = tries
        case .enter(let newState, let expected):
            changeState(newState, expected: expected)
        case .launch:
            launch()
        case .awaitDependencies:
            awaitDependencies()
        case .awaitReadiness:
            beginReadinessCheck()
        case .endReadinessCheck:
            endReadinessCheck()
        case .arm(let purpose):
            arm(purpose)
        case .disarm:
            cancelTimer()
        case .sendStopSignal:
            sendStop(config.stopsignal, toGroup: config.stopasgroup)
        case .sendKill:
            sendStop(SIGKILL, toGroup: config.killasgroup)
            cgroup?.killAll()
        case .recordExit(let outcome):
            recordExit(outcome)
        case .reportExit(let outcome):
            reportExit(outcome)
        case .releaseChild:
            // Cleared only now: the EXITED/STOPPED events report the pid that ended.
            pid = 0
            group.fastCGISocket?.release()
        case .report(let report):
            log(report)
        }
    }

    private func log(_ report: LifecycleReport) {
        switch report {
        case .running:
            log.info("success: \(name) entered RUNNING state, process has stayed up for > than \(config.startsecs) seconds (startsecs)")
        case .ready:
            log.info("success: \(name) entered RUNNING state, process is ready (\(config.ready?.probe.text ?? ""))")
        case .gaveUp:
            log.info("gave up: \(name) entered FATAL state, too many start retries too quickly")
        case .dependencyFailed:
            log.info("gave up: \(name) entered FATAL state, \(spawnError ?? "dependency failed")")
        case .notReady:
            log.warn("not ready: '\(name)' within \(ProbeAttempt.secondsText(.fractionalSeconds(config.ready?.timeout ?? 0))) seconds (ready_timeout); stopping it")
        case .stoppedInBackoff:
            log.debug("Attempted to kill \(name), which is in BACKOFF state.")
        case .alreadyRunning:
            log.warn("process '\(name)' already running")
        case .stopTimedOut:
            log.warn("killing '\(name)' (\(pid)) with SIGKILL")
        case .sendingStopSignal:
            logSignalling(config.stopsignal, toGroup: config.stopasgroup)
        case .sendingKill:
            logSignalling(SIGKILL, toGroup: config.killasgroup)
        }
    }

    private func logSignalling(_ signal: Int32, toGroup asGroup: Bool) {
        log.debug("killing \(name) (pid \(pid)) \(asGroup ? "process group " : "")with signal \(SignalName.of(signal))")
    }

    /// The least time between two automatic spawns of a process.
    static let respawnFloor = TimeAmount.seconds(1)

    private func arm(_ purpose: LifecycleTimer) {
        let (delay, event): (TimeAmount, LifecycleEvent) = switch purpose {
        case .startPeriod: (.seconds(Int64(config.startsecs)), .startPeriodElapsed)
        case .readyTimeout: (.fractionalSeconds(config.ready?.timeout ?? 0), .readyTimedOut)
        case .stopPeriod: (.seconds(Int64(config.stopwaitsecs)), .stopPeriodElapsed)
        case .retry(let seconds): (afterFloor(seconds), .retryDue)
        case .respawn(let delay): (afterFloor(delay), .respawnDue)
        }
        cancelTimer()
        timer = supervisor.timers.schedule(after: delay) { [unowned self] in
            self.timer = nil
            self.handle(event)
        }
    }

    /// `seconds` from now, but no sooner than a second after the last spawn that made a child.
    private func afterFloor(_ seconds: Double) -> TimeAmount {
        let now = supervisor.eventLoop.now
        return max(.fractionalSeconds(seconds), spawnedAt + Self.respawnFloor - now)
    }

    private func cancelTimer() {
        if let timer { supervisor.timers.cancel(timer) }
        timer = nil
    }

    private func changeState(_ newState: ProcessState, expected: Bool) {
        let old = state
        guard newState != old else { return }
        state = newState
        if old == .starting { waitingFor = [] }
        if old == .running {
            runningSince = nil
            endHealthChecks()
        }
        if newState == .running {
            runningSince = supervisor.eventLoop.now
            beginHealthChecks()
        }
        group.processChanged(from: old, to: newState)
        stateObservers.notify(self)
        supervisor.processStateChanged(self, from: old, to: newState, expected: expected)
        if config.essential, endedForGood { supervisor.essentialProcessEnded(self) }
    }

    /// FATAL, or EXITED and not to be restarted (`essential` ends the daemon then).
    private var endedForGood: Bool {
        state == .fatal || (state == .exited && lifecycle.wanted == .down)
    }

    /// Registers `observer` for every later state change; returns a token for removal.
    public func addStateObserver(_ observer: @escaping (Subprocess) -> Void) -> Int {
        stateObservers.add(observer)
    }

    public func removeStateObserver(_ token: Int) {
        stateObservers.remove(token)
    }

    /// The group was removed: drop timers and close the logs.
    func markRemoved() {
        cancelTimer()
        memoryWatch?.cancel()
        endReadinessCheck()
        endHealthChecks()
        closeNotifySocket()
        cgroup?.remove()
        logs.close()
        stateObservers.removeAll()
    }

    // MARK: - Stdin

    /// Queues bytes for the child's stdin (sendProcessStdin). Throws when it has no open stdin.
    public func writeStdin(_ bytes: [UInt8]) throws {
        guard pid != 0, !isStopping, let stdin, stdin.isOpen else { throw SystemError(errno: EPIPE, what: "Process already closed") }
        stdin.write(bytes)
    }

    func sendToStdin(_ bytes: [UInt8]) {
        stdin?.write(bytes)
    }

    private func closeStdin() {
        stdin?.close()
        stdin = nil
    }

    // MARK: - Output

    /// What the child wrote on one of its pipes: to the logs, the listener protocol,
    /// capture mode and log events.
    func recordOutput(_ bytes: UnsafeRawBufferPointer, stream: OutputChannel) {
        if supervisor.config.daemon.stripAnsi {
            AnsiEscapes.strip(bytes).withUnsafeBytes { routeOutput($0, stream: stream) }
        } else {
            routeOutput(bytes, stream: stream)
        }
    }

    /// Output moved from the pipe `source` straight into the log file when nothing but the file
    /// wants it (no ANSI stripping, readiness pattern, listener protocol, capture mode or log
    /// events); `.declined` when it must be read and go through `recordOutput`.
    func spliceOutput(from source: Int32, stream: OutputChannel, limit: Int) -> RotatingLogFile.SpliceOutcome {
        let channel = stream == .stdout ? config.stdout : config.stderr
        guard !supervisor.config.daemon.stripAnsi, readinessMatcher == nil, stream == .stderr || listener == nil,
              !(stream == .stdout ? stdoutCapture : stderrCapture).isActive, !channel.eventsEnabled else {
            return .declined
        }
        return logs.splice(from: source, stream: stream, limit: limit)
    }

    private func routeOutput(_ bytes: UnsafeRawBufferPointer, stream: OutputChannel) {
        if let readinessMatcher, readinessMatcher.feed(bytes, stream: stream) {
            self.readinessMatcher = nil
            handle(.ready)
        }
        if stream == .stdout, let listener {
            logs.write(bytes, stream: stream, pid: pid)
            supervisor.eventRouter.listenerOutput(self, session: listener, bytes)
            return
        }
        let capture = stream == .stdout ? stdoutCapture : stderrCapture
        guard capture.isActive else {
            logOutput(bytes, stream: stream)
            return
        }
        var mode = capture
        let pieces = mode.split(bytes)
        if stream == .stdout { stdoutCapture = mode } else { stderrCapture = mode }
        for piece in pieces {
            switch piece {
            case .output(let data):
                data.withUnsafeBytes { logOutput($0, stream: stream) }
            case .capturing(let data):
                data.withUnsafeBytes { logOutput($0, stream: stream, toFile: false) }
            case .captured(let data):
                supervisor.events.publish(.processCommunication(process: self, pid: pid, stream: stream, data: data))
                log.debug("'\(name)' \(stream.rawValue) emitted a comm event")
            }
        }
    }

    /// Output to the log file (unless it goes into a capture), the main log's debug echo
    /// and log events.
    private func logOutput(_ bytes: UnsafeRawBufferPointer, stream: OutputChannel, toFile: Bool = true) {
        if toFile { logs.write(bytes, stream: stream, pid: pid) } else { logs.echo(bytes, stream: stream) }
        let enabled = stream == .stdout ? config.stdout.eventsEnabled : config.stderr.eventsEnabled
        if enabled, !bytes.isEmpty {
            supervisor.events.publish(.processLog(process: self, pid: pid, stream: stream, data: Array(bytes)))
        }
    }
}

// MARK: - Dependencies, readiness and health (extensions)

extension Subprocess {
    /// The `.awaitDependencies` step: spawn now if every dependency meets its condition;
    /// otherwise wait (starting the dependencies that are at rest), or give up when one failed.
    fileprivate func awaitDependencies() {
        let index = supervisor.dependencies
        if case .waiting(let programs) = index.status(of: self) {
            waitingFor = programs
            log.info("waiting: '\(name)' for \(programs.joined(separator: ", "))")
            for dependency in index.dependenciesToStart(of: self) { dependency.start() }
        }
        resolveDependencies()
    }

    /// Looks at the dependencies again (one of them changed state, or a wait began).
    func resolveDependencies() {
        guard lifecycle.awaitsDependencies else { return }
        switch supervisor.dependencies.status(of: self) {
        case .met:
            waitingFor = []
            handle(.dependenciesMet)
        case .waiting(let programs):
            waitingFor = programs
        case .failed(let program, let state):
            waitingFor = []
            spawnError = "dependency '\(program)' failed (\(state.name))"
            handle(.dependencyFailed)
        case .missing(let program):
            waitingFor = []
            spawnError = "dependency '\(program)' is not loaded"
            handle(.dependencyFailed)
        }
    }

    fileprivate func beginReadinessCheck() {
        guard let ready = config.ready else { return }
        switch ready.probe {
        case .notify:
            break
        case .log(let pattern):
            readinessMatcher = try? LineMatcher(pattern: pattern)
        case .tcp, .http, .exec:
            let probe = RepeatingProbe(ready.probe, for: self, supervisor: supervisor, interval: ready.interval,
                                       timeout: ready.attemptTimeout) { [unowned self] result in
                guard case .failed(let reason) = result else {
                    self.readiness = nil
                    self.handle(.ready)
                    return false
                }
                self.log.debug("not ready yet: '\(self.name)' (\(ready.probe.text): \(reason))")
                return true
            }
            readiness = probe
            probe.begin(waitingFirst: false)
        }
    }

    fileprivate func endReadinessCheck() {
        readiness?.cancel()
        readiness = nil
        readinessMatcher = nil
    }

    fileprivate func beginHealthChecks() {
        health = nil
        if let check = config.healthcheck {
            let monitor = HealthMonitor(check, for: self, supervisor: supervisor) { [unowned self] status in
                self.healthChanged(to: status)
            }
            healthMonitor = monitor
            monitor.begin()
        }
        if let seconds = config.watchdogSeconds {
            let watchdog = Watchdog(seconds: seconds, supervisor: supervisor) { [unowned self] in
                self.healthChanged(to: .unhealthy(failures: 1,
                                                  reason: "no WATCHDOG=1 within \(ProbeAttempt.secondsText(.fractionalSeconds(seconds))) seconds"))
            }
            self.watchdog = watchdog
            watchdog.ping()
        }
    }

    fileprivate func endHealthChecks() {
        healthMonitor?.cancel()
        healthMonitor = nil
        watchdog?.cancel()
        watchdog = nil
    }

    /// A new health status: logged and published when it turns; turning unhealthy takes
    /// `healthcheck_action` (restart when only a watchdog is configured).
    private func healthChanged(to status: HealthStatus) {
        let previous = health
        health = status
        switch status {
        case .healthy:
            guard case .unhealthy = previous else { return }
            log.info("healthy: \(name)")
            supervisor.events.publish(.processHealth(process: self, status: status))
        case .unhealthy(let failures, let reason):
            if case .unhealthy = previous { return }
            let action = config.healthcheck?.action ?? .restart
            let taken = switch action {
            case .restart: "; restarting"
            case .stop: "; stopping"
            case .none: ""
            }
            log.warn("unhealthy: \(name) (\(HealthStatus.count(failures)): \(reason))\(taken)")
            supervisor.events.publish(.processHealth(process: self, status: status))
            switch action {
            case .restart: handle(.restart)
            case .stop: stop()
            case .none: break
            }
        }
    }

    /// A datagram on the notify socket: `READY=1`, `STATUS=…`, `WATCHDOG=1`.
    func notified(_ message: NotifyMessage) {
        if let status = message.status { notifyStatus = status }
        if message.watchdog, state == .running { watchdog?.ping() }
        if message.ready, config.ready?.probe == .notify { handle(.ready) }
    }

    /// What a program written for systemd's `Type=notify` looks for: the socket, and the
    /// watchdog period in microseconds (`sd_watchdog_enabled`).
    fileprivate var notifyEnvironment: [EnvironmentVariable] {
        guard let notifySocket else { return [] }
        var variables = [EnvironmentVariable(name: "NOTIFY_SOCKET", value: notifySocket.path)]
        if let seconds = config.watchdogSeconds {
            variables.append(EnvironmentVariable(name: "WATCHDOG_USEC", value: String(Int64(seconds * 1_000_000))))
        }
        return variables
    }

    fileprivate func closeNotifySocket() {
        notifySocket?.close()
        notifySocket = nil
    }
}

// MARK: - Resource limits (extensions)

extension Subprocess {
    /// Starts sampling the new child's memory when `memory_limit` is set.
    fileprivate func watchMemory() {
        guard let limit = config.limits.memoryLimit else { return }
        let watch = MemoryWatch(pid: pid, limit: limit, interval: config.limits.memoryCheckInterval,
                                supervisor: supervisor) { [unowned self] bytes in
            self.memoryWatch = nil
            self.memoryLimitExceeded(bytes, limit: limit)
        }
        memoryWatch = watch
        watch.begin()
    }

    private func memoryLimitExceeded(_ bytes: Int, limit: Int) {
        let action = config.limits.memoryLimitAction
        log.warn("memory limit: '\(name)' uses \(MemoryWatch.megabytes(bytes)) (limit \(MemoryWatch.megabytes(limit))); "
                     + (action == .restart ? "restarting" : "stopping"))
        switch action {
        case .restart: handle(.restart)
        case .stop: stop()
        }
    }
}

// MARK: - Cgroups (extension)

extension Subprocess {
    /// `cgroups=`: the process's cgroup, ready for a spawn, as an open directory
    /// descriptor (the caller closes it); nil when the daemon does not use cgroups.
    fileprivate func openCgroup() throws -> Int32? {
        guard let tree = supervisor.cgroups else { return nil }
        let cgroup = self.cgroup ?? ProcessCgroup(path: tree.processPath(Namespec.format(group: group.name, name: name)),
                                                  process: self)
        self.cgroup = cgroup
        return try cgroup.open()
    }

    /// The kernel's OOM killer killed in its cgroup (`memory_max`): what getProcessInfo's
    /// spawnerr says until the next spawn.
    func recordOOMKill(_ report: String) {
        spawnError = report
    }
}
