import SupervisorCommon
import SupervisorConfig

/// The process state machine of the reference (its `ProcessStates` diagram) as one
/// transition function: `handle(event)` moves the observed state, the wanted state and
/// the retry count, and returns the steps to carry out, in order. Pure: no clock, no
/// system calls, so every (state, event) pair is unit-tested as a table.
///
/// The observed state here runs ahead of what `Subprocess` has published while it is
/// still carrying out the steps (an exit after `startsecs` goes RUNNING then EXITED in
/// one transition); events that arrive meanwhile see the decided state. Events that
/// cannot happen in a state (an exit without a child, a launch outcome outside
/// STARTING) change nothing.
public struct ProcessLifecycle: Sendable, Equatable {
    /// What `config` says about restarting.
    public struct Policy: Sendable, Equatable {
        public var autorestart: AutoRestart
        public var startsecs: Int
        public var startretries: Int
        /// `depends_on`: a start waits for the dependencies before it spawns.
        public var hasDependencies: Bool
        /// `ready`: RUNNING means the readiness check passed, not that `startsecs` went by.
        public var waitsForReadiness: Bool
        /// `restart_delay` and `restart_delay_max`, seconds (0: the reference's timing).
        public var restartDelay: Double
        public var restartDelayMax: Double

        public init(autorestart: AutoRestart, startsecs: Int, startretries: Int,
                    hasDependencies: Bool = false, waitsForReadiness: Bool = false,
                    restartDelay: Double = 0, restartDelayMax: Double = 0) {
            self.autorestart = autorestart
            self.startsecs = startsecs
            self.startretries = startretries
            self.hasDependencies = hasDependencies
            self.waitsForReadiness = waitsForReadiness
            self.restartDelay = restartDelay
            self.restartDelayMax = restartDelayMax
        }

        public init(_ config: ProcessConfig) {
            self.init(autorestart: config.autorestart, startsecs: config.startsecs, startretries: config.startretries,
                      hasDependencies: !config.dependsOn.isEmpty, waitsForReadiness: config.ready != nil,
                      restartDelay: config.restartDelay, restartDelayMax: config.restartDelayMax)
        }

        /// Whether `restart_delay`/`restart_delay_max` set the delays (also BACKOFF's).
        var hasRestartDelays: Bool { restartDelay > 0 || restartDelayMax > 0 }

        /// The delay before the automatic restart or retry number `streak` (from 0) of a
        /// row: `restart_delay`, doubled each time up to `restart_delay_max` when that is larger.
        func restartDelay(streak: Int) -> Double {
            guard restartDelayMax > restartDelay else { return restartDelay }
            return min(restartDelay * Double(1 << min(streak, 62)), restartDelayMax)
        }
    }

    public let policy: Policy
    public private(set) var state: ProcessState = .stopped
    public private(set) var wanted: WantedState = .down
    /// Consecutive failed starts; the next retry waits this many seconds.
    public private(set) var backoff = 0
    /// Whether a child exists (spawned, not yet reaped).
    public private(set) var hasChild = false
    /// STARTING without a child: waiting for the dependencies to meet their conditions.
    public private(set) var awaitsDependencies = false
    /// STARTING and sent the stop signal: it was not ready in time, its exit is a failed start.
    public private(set) var isAbandoningStart = false
    /// Stopping to be started again (an unhealthy process), unless wanted down meanwhile.
    public private(set) var restartsAfterStop = false
    /// Automatic restarts and retries in a row, which double `restart_delay`; reset by a
    /// start request and by a run that stayed up `restart_delay_max`.
    public private(set) var restartStreak = 0

    public init(policy: Policy) {
        self.policy = policy
    }

    /// EXITED and to be restarted once a second has passed since its last spawn.
    public var isRestartPending: Bool { state == .exited && wanted == .up }

    public mutating func handle(_ event: LifecycleEvent) -> [LifecycleStep] {
        switch event {
        case .start:
            if hasChild { return [.report(.alreadyRunning)] }
            if awaitsDependencies { return [] }
            wanted = policy.autorestart == .never ? .once : .up
            restartStreak = 0
            return beginStart()
        case .dependenciesMet:
            guard awaitsDependencies, wanted != .down else { return [] }
            awaitsDependencies = false
            return [.launch]
        case .dependencyFailed:
            guard awaitsDependencies else { return [] }
            awaitsDependencies = false
            return giveUp(report: .dependencyFailed)
        case .spawned:
            guard state == .starting, !hasChild, !awaitsDependencies else { return [] }
            hasChild = true
            if policy.waitsForReadiness { return [.arm(.readyTimeout), .awaitReadiness] }
            return policy.startsecs <= 0 ? becomeRunning() : [.arm(.startPeriod)]
        case .spawnFailed:
            guard state == .starting, !hasChild, !awaitsDependencies else { return [] }
            return enterBackoff(before: [], after: [])
        case .startPeriodElapsed:
            guard state == .starting, hasChild, !policy.waitsForReadiness else { return [] }
            return becomeRunning()
        case .ready:
            guard state == .starting, hasChild, policy.waitsForReadiness, !isAbandoningStart else { return [] }
            return becomeRunning(report: .ready)
        case .readyTimedOut:
            guard state == .starting, hasChild, policy.waitsForReadiness, !isAbandoningStart else { return [] }
            isAbandoningStart = true
            return [.endReadinessCheck, .report(.notReady), .report(.sendingStopSignal), .arm(.stopPeriod),
                    .sendStopSignal]
        case .restart:
            guard state == .running || state == .starting, hasChild, !isAbandoningStart else { return [] }
            restartsAfterStop = true
            return beginStop()
        case .exited(let expected, let tooQuickly, let soonAfterSpawn, let stayedUp):
            guard hasChild else { return [] }
            if stayedUp { restartStreak = 0 }
            return exited(expected: expected, tooQuickly: tooQuickly, soonAfterSpawn: soonAfterSpawn)
        case .stop:
            restartsAfterStop = false
            if awaitsDependencies { return stopWaiting() }
            if isRestartPending {
                // Stopped between the exits of a crash loop: the restart is called off.
                wanted = .down
                state = .stopped
                return [.disarm, .enter(.stopped)]
            }
            wanted = .down
            if state == .backoff {
                state = .stopped
                return [.report(.stoppedInBackoff), .disarm, .enter(.stopped)]
            }
            return beginStop()
        case .daemonStopping:
            let pending = isRestartPending
            wanted = .down
            return pending ? [.disarm] : []
        case .stopForShutdown:
            restartsAfterStop = false
            if awaitsDependencies { return stopWaiting() }
            if isRestartPending {
                wanted = .down
                return [.disarm]
            }
            wanted = .down
            switch state {
            case .running, .starting: return beginStop()
            case .backoff: return giveUp(report: nil)
            default: return []
            }
        case .stopPeriodElapsed:
            guard state == .stopping || isAbandoningStart else { return [] }
            return [.report(.stopTimedOut), .report(.sendingKill), .arm(.stopPeriod), .sendKill]
        case .retryDue:
            guard state == .backoff, wanted != .down else { return [] }
            return beginStart()
        case .respawnDue:
            guard isRestartPending else { return [] }
            return beginStart()
        case .signalFailed:
            guard hasChild else { return [] }
            state = .unknown
            return [.disarm, .enter(.unknown)]
        }
    }

    // MARK: - Transitions shared by several events

    /// STARTING: with dependencies, first wait for them (the answer comes back as
    /// `.dependenciesMet` or `.dependencyFailed`, possibly at once); then spawn.
    private mutating func beginStart() -> [LifecycleStep] {
        state = .starting
        isAbandoningStart = false
        restartsAfterStop = false
        let steps: [LifecycleStep] = [.clearLastRun, .disarm, .enter(.starting)]
        guard policy.hasDependencies else { return steps + [.launch] }
        awaitsDependencies = true
        return steps + [.awaitDependencies]
    }

    /// A stop while waiting for dependencies: there is no child, it just stops waiting.
    private mutating func stopWaiting() -> [LifecycleStep] {
        awaitsDependencies = false
        wanted = .down
        state = .stopped
        return [.disarm, .enter(.stopped)]
    }

    private mutating func becomeRunning(report: LifecycleReport = .running) -> [LifecycleStep] {
        state = .running
        backoff = 0
        return [.disarm, .setTries(0), .enter(.running), .report(report)]
    }

    /// A child that is not already being stopped gets the stop signal, and SIGKILL after
    /// `stopwaitsecs`. Without a child there is nothing to stop. A child abandoned for not
    /// being ready already got the signal and has its SIGKILL timer running.
    private mutating func beginStop() -> [LifecycleStep] {
        guard hasChild, state != .stopping else { return [] }
        state = .stopping
        if isAbandoningStart {
            isAbandoningStart = false
            return [.enter(.stopping)]
        }
        return [.report(.sendingStopSignal), .arm(.stopPeriod), .enter(.stopping), .sendStopSignal]
    }

    private mutating func exited(expected: Bool, tooQuickly: Bool, soonAfterSpawn: Bool) -> [LifecycleStep] {
        hasChild = false
        if state == .stopping {
            state = .stopped
            let steps: [LifecycleStep] = [.disarm, .recordExit(.stopped), .enter(.stopped), .reportExit(.stopped),
                                          .releaseChild]
            guard restartsAfterStop, wanted != .down else { return steps }
            return steps + beginStart()
        }
        // With a readiness check, RUNNING means ready: any exit before it is a failed start.
        if state == .starting && (tooQuickly || policy.waitsForReadiness) {
            let outcome: ExitOutcome = isAbandoningStart ? .notReady : .tooQuickly
            isAbandoningStart = false
            return enterBackoff(before: [.disarm, .recordExit(outcome)], after: [.reportExit(outcome), .releaseChild])
        }
        let outcome = ExitOutcome.exited(expected: expected)
        var steps: [LifecycleStep] = [.disarm, .recordExit(outcome)]
        // Past startsecs but before its timer ran: it did reach RUNNING.
        if state == .starting { steps.append(.enter(.running)) }
        state = .exited
        backoff = 0
        steps += [.setTries(0), .enter(.exited, expected: expected), .reportExit(outcome), .releaseChild]
        let restart = switch policy.autorestart {
        case .always: true
        case .unexpected: !expected
        case .never: false
        }
        guard wanted == .up, restart else {
            wanted = .down
            return steps
        }
        // A crash loop spawns at most once a second (daemontools' rule); a child that
        // ran longer is restarted at once, or after `restart_delay`.
        let delay = policy.hasRestartDelays ? nextDelay() : 0
        if soonAfterSpawn || delay > 0 { return steps + [.arm(.respawn(delay: delay))] }
        return steps + beginStart()
    }

    /// A failed start: BACKOFF, then a retry after `backoff` seconds, or FATAL once the
    /// retries are used up. Nothing is retried while the process is wanted down.
    private mutating func enterBackoff(before: [LifecycleStep], after: [LifecycleStep]) -> [LifecycleStep] {
        state = .backoff
        backoff += 1
        let steps = before + [.setTries(backoff), .enter(.backoff)] + after
        guard wanted != .down else { return steps }
        if backoff > policy.startretries { return steps + giveUp(report: .gaveUp) }
        return steps + [.arm(.retry(seconds: policy.hasRestartDelays ? nextDelay() : Double(backoff)))]
    }

    /// The delay of the next automatic restart or retry, counting it in the streak.
    private mutating func nextDelay() -> Double {
        defer { restartStreak += 1 }
        return policy.restartDelay(streak: restartStreak)
    }

    private mutating func giveUp(report: LifecycleReport?) -> [LifecycleStep] {
        state = .fatal
        wanted = .down
        backoff = 0
        return [.disarm, .setTries(0), .enter(.fatal)] + (report.map { [.report($0)] } ?? [])
    }
}
