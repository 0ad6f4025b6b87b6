/// What the process should be doing, kept apart from what it is observed doing
/// (`ProcessState`). A start request sets it, a stop request or the daemon's shutdown
/// clears it, and an exit that `autorestart` does not restart (or giving up) ends it.
public enum WantedState: Sendable, Equatable {
    /// Not running: never started, stopped on request, given up on, finished, or the
    /// daemon is stopping (nothing is started again).
    case down
    /// Running, and started again when it exits the way `autorestart` says.
    case up
    /// Run until it exits once (`autorestart=false`): not started again after that.
    case once
}
