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

        public init(autorestart: AutoRestart, startsecs: Int, startretries: Int) {
            self.autorestart = autorestart
            self.startsecs = startsecs
            self.startretries = startretries
        }

        public init(_ config: ProcessConfig) {
            self.init(autorestart: config.autorestart, startsecs: config.startsecs, startretries: config.startretries)
        }
    }

    public let policy: Policy
    public private(set) var state: ProcessState = .stopped
    public private(set) var wanted: WantedState = .down
    /// Consecutive failed starts; the next retry waits this many seconds.
    public private(set) var backoff = 0
    /// Whether a child exists (spawned, not yet reaped).
    public private(set) var hasChild = false

    public init(policy: Policy) {
        self.policy = policy
    }

    /// EXITED and to be restarted once a second has passed since its last spawn.
    public var isRestartPending: Bool { state == .exited && wanted == .up }

    public mutating func handle(_ event: LifecycleEvent) -> [LifecycleStep] {
        switch event {
        case .start:
            if hasChild { return [.report(.alreadyRunning)] }
            wanted = policy.autorestart == .never ? .once : .up
            return beginStart()
        case .spawned:
            guard state == .starting, !hasChild else { return [] }
            hasChild = true
            return policy.startsecs <= 0 ? becomeRunning() : [.arm(.startPeriod)]
        case .spawnFailed:
            guard state == .starting, !hasChild else { return [] }
            return enterBackoff(before: [], after: [])
        case .startPeriodElapsed:
            guard state == .starting, hasChild else { return [] }
            return becomeRunning()
        case .exited(let expected, let tooQuickly, let soonAfterSpawn):
            guard hasChild else { return [] }
            return exited(expected: expected, tooQuickly: tooQuickly, soonAfterSpawn: soonAfterSpawn)
        case .stop:
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
            if isRestartPending {
                wanted = .down
                return [.disarm]
            }
            wanted = .down
            switch state {
            case .running, .starting: return beginStop()
            case .backoff: return giveUp(reported: false)
            default: return []
            }
        case .stopPeriodElapsed:
            guard state == .stopping else { return [] }
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

    private mutating func beginStart() -> [LifecycleStep] {
        state = .starting
        return [.clearLastRun, .disarm, .enter(.starting), .launch]
    }

    private mutating func becomeRunning() -> [LifecycleStep] {
        state = .running
        backoff = 0
        return [.disarm, .setTries(0), .enter(.running), .report(.running)]
    }

    /// A child that is not already being stopped gets the stop signal, and SIGKILL after
    /// `stopwaitsecs`. Without a child there is nothing to stop.
    private mutating func beginStop() -> [LifecycleStep] {
        guard hasChild, state != .stopping else { return [] }
        state = .stopping
        return [.report(.sendingStopSignal), .arm(.stopPeriod), .enter(.stopping), .sendStopSignal]
    }

    private mutating func exited(expected: Bool, tooQuickly: Bool, soonAfterSpawn: Bool) -> [LifecycleStep] {
        hasChild = false
        if state == .stopping {
            state = .stopped
            return [.disarm, .recordExit(.stopped), .enter(.stopped), .reportExit(.stopped), .releaseChild]
        }
        if tooQuickly && state == .starting {
            return enterBackoff(before: [.disarm, .recordExit(.tooQuickly)], after: [.reportExit(.tooQuickly), .releaseChild])
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
        // ran longer is restarted at once.
        if soonAfterSpawn { return steps + [.arm(.respawnFloor)] }
        return steps + beginStart()
    }

    /// A failed start: BACKOFF, then a retry after `backoff` seconds, or FATAL once the
    /// retries are used up. Nothing is retried while the process is wanted down.
    private mutating func enterBackoff(before: [LifecycleStep], after: [LifecycleStep]) -> [LifecycleStep] {
        state = .backoff
        backoff += 1
        let steps = before + [.setTries(backoff), .enter(.backoff)] + after
        guard wanted != .down else { return steps }
        if backoff > policy.startretries { return steps + giveUp(reported: true) }
        return steps + [.arm(.retry(seconds: backoff))]
    }

    private mutating func giveUp(reported: Bool) -> [LifecycleStep] {
        state = .fatal
        wanted = .down
        backoff = 0
        return [.disarm, .setTries(0), .enter(.fatal)] + (reported ? [.report(.gaveUp)] : [])
    }
}
