import Glibc

/// Makes and signals children. The daemon uses `SystemSpawner`; the state machine's
/// tests use a fake that records launches and signals and makes no process.
public protocol ChildSpawner {
    /// Starts a child for `plan`; throws `SpawnFailure` when no child could be made.
    func launch(_ plan: LaunchPlan) throws -> LaunchedChild
    /// Sends `signal` to `pid` (a process group when negative). Returns 0 or the errno.
    func send(_ signal: Int32, to pid: pid_t) -> Int32
}
