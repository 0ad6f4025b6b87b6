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
    /// Consecutive failed starts, which also sets the delay before the next (1 s, 2 s, …).
    public private(set) var backoff = 0
    public private(set) var killing = false
    private var timer: TimerQueue.Entry?
    /// Monotonic time of the last spawn, for the "exited too quickly" decision.
    private var startedAt: NIODeadline = .uptimeNanoseconds(0)

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

    init(config: ProcessConfig, group: ProcessGroup, supervisor: Supervisor) {
        self.config = config
        self.group = group
        self.supervisor = supervisor
        self.logs = ChildLogs(config: config, supervisor: supervisor)
        stdoutCapture = CaptureMode(maxBytes: config.stdout.captureMaxBytes)
        stderrCapture = CaptureMode(maxBytes: config.stderr.captureMaxBytes)
    }

    func makeListener(of pool: EventListenerPool) {
        listener = ListenerSession(pool: pool)
    }

    var log: MainLog { supervisor.log }
    public var name: String { config.name }

    // MARK: - Starting

    /// Why the command cannot run, checked before a start request (startProcess faults on it).
    public enum CommandProblem: Error {
        case notFound(String)
        case notExecutable(String)
    }

    public func checkCommand() -> CommandProblem? {
        do {
            _ = try Spawner.resolveCommand(config.command, environment: Spawner.makeEnvironment(self))
            return nil
        } catch let failure as Spawner.Failure {
            return failure.kind == .notFound ? .notFound(failure.message) : .notExecutable(failure.message)
        } catch {
            return .notExecutable("\(error)")
        }
    }

    /// Starts the program. The process must not be running.
    public func spawn() {
        if pid != 0 {
            log.warn("process '\(name)' already running")
            return
        }
        killing = false
        spawnError = nil
        exitStatus = nil
        lastStart = WallClock.now()
        startedAt = .now()
        cancelTimer()
        changeState(.starting)

        let launch: Spawner.Launch
        do {
            let socket = try group.fastCGISocket?.acquire()
            do {
                launch = try Spawner.launch(self, stdinSocket: socket)
            } catch {
                group.fastCGISocket?.release()
                throw error
            }
        } catch {
            recordSpawnError((error as? Spawner.Failure)?.message ?? "\(error)")
            changeState(.backoff)
            if supervisor.state == .running { scheduleRetryOrGiveUp() }
            return
        }
        pid = launch.pid
        stdin = StdinWriter(fd: launch.stdinFD, eventLoop: supervisor.eventLoop)
        listener?.restart()
        stdoutCapture = CaptureMode(maxBytes: config.stdout.captureMaxBytes)
        stderrCapture = CaptureMode(maxBytes: config.stderr.captureMaxBytes)
        supervisor.register(pid: launch.pid, for: self)
        outputPipes = [(launch.stdoutFD, OutputChannel.stdout), (launch.stderrFD, .stderr)]
            .filter { $0.0 >= 0 }
            .compactMap { supervisor.outputPipes.attach(fd: $0.0, stream: $0.1, process: self) }
        log.info("spawned: '\(name)' with pid \(launch.pid)")
        if let failure = launch.childFailure {
            // The child reported it on its stderr too; its exit (127) drives the state.
            log.debug("child of '\(name)' failed before exec: \(failure)")
        }
        if config.startsecs <= 0 {
            becomeRunning()
        } else {
            let spawnedPid = launch.pid
            schedule(after: .seconds(Int64(config.startsecs))) { [unowned self] in
                if self.state == .starting && self.pid == spawnedPid { self.becomeRunning() }
            }
        }
    }

    private func becomeRunning() {
        cancelTimer()
        backoff = 0
        changeState(.running)
        log.info("success: \(name) entered RUNNING state, process has stayed up for > than \(config.startsecs) seconds (startsecs)")
    }

    private func recordSpawnError(_ message: String) {
        spawnError = message
        log.info("spawnerr: \(message)")
    }

    // MARK: - Stopping and signals

    /// An administrative stop: the stop signal, then SIGKILL after stopwaitsecs.
    /// Returns an error message when the process was not running.
    @discardableResult
    public func stop() -> String? {
        kill(config.stopsignal)
    }

    /// Sends a signal meant to end the process. Returns an error message or nil.
    @discardableResult
    func kill(_ signal: Int32) -> String? {
        if state == .backoff {
            log.debug("Attempted to kill \(name), which is in BACKOFF state.")
            cancelTimer()
            changeState(.stopped)
            return nil
        }
        guard pid != 0 else {
            let message = "attempted to kill \(name) with sig \(SignalName.of(signal)) but it wasn't running"
            log.debug(message)
            return message
        }
        // The first signal is the stop signal; one sent while STOPPING is the final kill.
        let asGroup = state == .stopping ? config.killasgroup : config.stopasgroup
        log.debug("killing \(name) (pid \(pid)) \(asGroup ? "process group " : "")with signal \(SignalName.of(signal))")
        killing = true
        schedule(after: .seconds(Int64(config.stopwaitsecs))) { [unowned self] in self.stopTimedOut() }
        changeState(.stopping)
        if Glibc.kill(asGroup ? -pid : pid, signal) != 0 {
            let err = errno
            if err == ESRCH {
                // It exited on its own; the exit event will finish the stop.
                log.debug("unable to signal \(name) (pid \(pid)), it probably just exited on its own: \(String(cString: strerror(err)))")
                return nil
            }
            let message = "unknown problem killing \(name) (\(pid)):\(String(cString: strerror(err)))"
            log.critical(message)
            cancelTimer()
            killing = false
            changeState(.unknown)
            return message
        }
        return nil
    }

    private func stopTimedOut() {
        guard state == .stopping else { return }
        log.warn("killing '\(name)' (\(pid)) with SIGKILL")
        kill(SIGKILL)
    }

    /// Sends a signal without the intent to stop (signalProcess).
    public func signal(_ signal: Int32) -> String? {
        guard pid != 0 else {
            let message = "attempted to send \(name) sig \(SignalName.of(signal)) but it wasn't running"
            log.debug(message)
            return message
        }
        log.debug("sending \(name) (pid \(pid)) sig \(SignalName.of(signal))")
        if Glibc.kill(pid, signal) != 0 {
            let err = errno
            if err == ESRCH {
                log.debug("unable to signal \(name) (pid \(pid)), it probably just now exited on its own: \(String(cString: strerror(err)))")
                return nil
            }
            let message = "unknown problem sending sig \(name) (\(pid)):\(String(cString: strerror(err)))"
            log.critical(message)
            changeState(.unknown)
            return message
        }
        return nil
    }

    /// Gives up restarting a process in BACKOFF.
    func giveUp() {
        cancelTimer()
        backoff = 0
        changeState(.fatal)
    }

    // MARK: - Exit

    /// The child was reaped with `status`.
    func finish(status: Int32) {
        let decoded = WaitStatus(raw: status)
        lastStop = WallClock.now()
        let ranFor = NIODeadline.now() - startedAt
        let tooQuickly = ranFor < .seconds(Int64(config.startsecs))
        let expected = config.exitcodes.contains(decoded.exitCode)
        closeStdin()
        // What it wrote before exiting is logged (and its log events sent) before its exit.
        for pipe in outputPipes { supervisor.outputPipes.drain(pipe) }
        outputPipes = []

        if killing {
            killing = false
            cancelTimer()
            exitStatus = decoded.exitCode
            changeState(.stopped)
            let message = "stopped: \(name) (\(decoded.message))"
            if expected { log.info(message) } else { log.warn(message) }
        } else if tooQuickly && state == .starting {
            exitStatus = nil
            spawnError = "Exited too quickly (process log may have details)"
            changeState(.backoff)
            log.warn("exited: \(name) (\(decoded.message); not expected)")
        } else {
            cancelTimer()
            backoff = 0
            exitStatus = decoded.exitCode
            if state == .starting { changeState(.running) }
            if expected {
                changeState(.exited, expected: true)
                log.info("exited: \(name) (\(decoded.message); expected)")
            } else {
                spawnError = "Bad exit code \(decoded.exitCode)"
                changeState(.exited, expected: false)
                log.warn("exited: \(name) (\(decoded.message); not expected)")
            }
        }
        // Cleared only now: the EXITED/STOPPED events above report the pid that ended.
        pid = 0
        group.fastCGISocket?.release()
        afterExit()
    }

    /// What the reference's transition() does after an exit: restart or retry.
    private func afterExit() {
        guard supervisor.state == .running else { return }
        switch state {
        case .exited:
            switch config.autorestart {
            case .always: spawn()
            case .unexpected where !config.exitcodes.contains(exitStatus ?? -1): spawn()
            default: break
            }
        case .backoff:
            scheduleRetryOrGiveUp()
        default:
            break
        }
    }

    private func scheduleRetryOrGiveUp() {
        if backoff > config.startretries {
            giveUp()
            log.info("gave up: \(name) entered FATAL state, too many start retries too quickly")
            return
        }
        schedule(after: .seconds(Int64(backoff))) { [unowned self] in
            guard self.state == .backoff, self.supervisor.state == .running else { return }
            self.spawn()
        }
    }

    // MARK: - State

    func changeState(_ newState: ProcessState, expected: Bool = true) {
        let old = state
        guard newState != old else { return }
        state = newState
        if newState == .backoff { backoff += 1 }
        group.processChanged(from: old, to: newState)
        stateObservers.notify(self)
        supervisor.processStateChanged(self, from: old, to: newState, expected: expected)
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
        logs.close()
        stateObservers.removeAll()
    }

    /// Autostart at daemon start.
    func startIfAutostart() {
        if state == .stopped && lastStart == 0 && config.autostart { spawn() }
    }

    // MARK: - Stdin

    /// Queues bytes for the child's stdin (sendProcessStdin). Throws when it has no open stdin.
    public func writeStdin(_ bytes: [UInt8]) throws {
        guard pid != 0, !killing, let stdin, stdin.isOpen else { throw SystemError(errno: EPIPE, what: "Process already closed") }
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

    private func routeOutput(_ bytes: UnsafeRawBufferPointer, stream: OutputChannel) {
        if stream == .stdout, let listener {
            logs.write(bytes, stream: stream)
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
            case .captured(let data):
                supervisor.events.publish(.processCommunication(process: self, pid: pid, stream: stream, data: data))
                log.debug("'\(name)' \(stream.rawValue) emitted a comm event")
            }
        }
    }

    private func logOutput(_ bytes: UnsafeRawBufferPointer, stream: OutputChannel) {
        logs.write(bytes, stream: stream)
        let enabled = stream == .stdout ? config.stdout.eventsEnabled : config.stderr.eventsEnabled
        if enabled, !bytes.isEmpty {
            supervisor.events.publish(.processLog(process: self, pid: pid, stream: stream, data: Array(bytes)))
        }
    }

    // MARK: - Timers

    private func schedule(after delay: TimeAmount, _ work: @escaping () -> Void) {
        cancelTimer()
        timer = supervisor.timers.schedule(after: delay, work)
    }

    private func cancelTimer() {
        if let timer { supervisor.timers.cancel(timer) }
        timer = nil
    }
}
