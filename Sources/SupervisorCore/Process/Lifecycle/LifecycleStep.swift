import SupervisorCommon
/// One thing the supervisor does for a transition, in the order the transition lists
/// them. `ProcessLifecycle` decides; `Subprocess` carries the steps out.
public enum LifecycleStep: Sendable, Equatable {
    /// Forget the previous run (exit status, spawn error) and note the start time.
    case clearLastRun
    /// Publish the count of failed starts (`tries` in STARTING and BACKOFF events) before
    /// the state it goes with.
    case setTries(Int)
    /// Publish the new observed state; `expected` is the EXITED event's flag.
    case enter(ProcessState, expected: Bool = true)
    /// Make a child; the outcome comes back as `.spawned` or `.spawnFailed`.
    case launch
    /// See whether the dependencies meet their conditions (starting them if need be);
    /// the answer comes back as `.dependenciesMet` or `.dependencyFailed`, now or later.
    case awaitDependencies
    /// Start the readiness check; it answers `.ready`.
    case awaitReadiness
    /// Stop the readiness check (it timed out).
    case endReadinessCheck
    /// Arm the process's one timer, replacing any armed one.
    case arm(LifecycleTimer)
    /// Cancel the process's timer.
    case disarm
    /// Send `stopsignal` (to the process group with `stopasgroup`).
    case sendStopSignal
    /// Send SIGKILL after `stopwaitsecs` (to the process group with `killasgroup`).
    case sendKill
    /// Before the state change of an exit: remember its status and spawn error.
    case recordExit(ExitOutcome)
    /// After the state change of an exit: the main log line.
    case reportExit(ExitOutcome)
    /// The child is gone: forget its pid, release what it held.
    case releaseChild
    /// A main-log line about the transition.
    case report(LifecycleReport)
}

/// The timer a state runs: at most one per process at a time.
public enum LifecycleTimer: Sendable, Equatable {
    /// STARTING: `startsecs` until RUNNING.
    case startPeriod
    /// STARTING with a readiness check: `ready_timeout` until the start counts as failed.
    case readyTimeout
    /// STOPPING: `stopwaitsecs` until SIGKILL.
    case stopPeriod
    /// BACKOFF: this many seconds until the next spawn (and a second since the last one).
    case retry(seconds: Double)
    /// EXITED, to be restarted: `delay` seconds (`restart_delay`), and until a second has
    /// passed since the last spawn.
    case respawn(delay: Double)
}

/// How an exit ended a run.
public enum ExitOutcome: Sendable, Equatable {
    /// It was being stopped.
    case stopped
    /// It died in STARTING before `startsecs`: a failed start.
    case tooQuickly
    /// It was stopped for not being ready within `ready_timeout`: a failed start.
    case notReady
    /// It ended on its own after starting; `expected` when its code is in `exitcodes`.
    case exited(expected: Bool)
}

/// Main-log lines that belong to a transition rather than to an exit.
public enum LifecycleReport: Sendable, Equatable {
    /// `success: x entered RUNNING state ...`
    case running
    /// `success: x entered RUNNING state, process is ready (...)`
    case ready
    /// `gave up: x entered FATAL state ...`
    case gaveUp
    /// `gave up: x entered FATAL state, dependency ... failed`
    case dependencyFailed
    /// `not ready: 'x' within N seconds (ready_timeout); stopping it`
    case notReady
    /// A stop request found the process waiting to retry.
    case stoppedInBackoff
    /// A start request found a child still there (it is stopping).
    case alreadyRunning
    /// `stopwaitsecs` passed: `killing 'x' (pid) with SIGKILL`.
    case stopTimedOut
    /// The stop signal is about to be sent (logged before the state change, as the reference does).
    case sendingStopSignal
    /// SIGKILL is about to be sent.
    case sendingKill
}
