/// What happened to one process since it was added (daemon start, or the group's add), for
/// /metrics: counts that only grow, whatever the process goes through.
public struct ProcessCounters: Sendable {
    /// Children made: every spawn that started the program, the first start included.
    public internal(set) var spawns = 0
    /// Exits the main log calls "not expected": an exit code not in `exitcodes`, an exit
    /// within `startsecs`, or no readiness within `ready_timeout`.
    public internal(set) var unexpectedExits = 0

    /// Spawns after the first: every restart, automatic (autorestart, a BACKOFF retry, a
    /// failed health check or memory limit) or asked for (restart, stop then start).
    public var restarts: Int { max(spawns - 1, 0) }
}
