/// Everything that moves a process through its lifecycle: requests from the control
/// layer or the daemon, what the spawner and the reaper observed, and timers coming due.
public enum LifecycleEvent: Sendable, Equatable {
    /// Start it (autostart, or a start request).
    case start
    /// Every dependency meets its condition (`depends_on`): time to spawn.
    case dependenciesMet
    /// A dependency failed (FATAL, or a `completed` one exited unexpectedly); the caller
    /// recorded which as the spawn error.
    case dependencyFailed
    /// The spawner made a child.
    case spawned
    /// The spawner could not make a child (the spawn error is recorded by the caller).
    case spawnFailed
    /// `startsecs` passed since the spawn.
    case startPeriodElapsed
    /// The readiness check (`ready=`) passed.
    case ready
    /// `ready_timeout` passed without the check passing: a failed start.
    case readyTimedOut
    /// Stop it and start it again (an unhealthy process, a missed watchdog ping, memory
    /// over `memory_limit`).
    case restart
    /// The child was reaped. `expected`: its exit code is one of `exitcodes`;
    /// `tooQuickly`: it ran for less than `startsecs`; `soonAfterSpawn`: it was spawned
    /// less than a second ago (an automatic restart then waits for that second to pass);
    /// `stayedUp`: it was RUNNING for at least `restart_delay_max` (the delays start over).
    case exited(expected: Bool, tooQuickly: Bool, soonAfterSpawn: Bool = false, stayedUp: Bool = false)
    /// Stop it on request (stopProcess, stopAllProcesses, the web page).
    case stop
    /// The daemon is shutting down or restarting: nothing is started again.
    case daemonStopping
    /// Its turn in the daemon's shutdown: stopped if it runs, given up on if it waits to retry.
    case stopForShutdown
    /// `stopwaitsecs` passed since the stop signal.
    case stopPeriodElapsed
    /// The backoff delay passed: time to try the spawn again.
    case retryDue
    /// A second passed since the spawn of a process whose automatic restart waited for it.
    case respawnDue
    /// Sending a signal failed for a reason other than the process having just exited.
    case signalFailed
}
