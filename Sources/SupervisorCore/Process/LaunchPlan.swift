import SupervisorConfig

/// Everything needed to start one child, as a plain value: what the spawner gets
/// instead of the process object. Made by `Subprocess` and `ExecProbe` (memberwise, inside the module).
public struct LaunchPlan: Sendable, Equatable {
    /// Where the child's stdin comes from.
    public enum Input: Sendable, Equatable {
        /// A pipe the daemon writes (sendProcessStdin, event listeners).
        case pipe
        /// An inherited listening socket (`[fcgi-program:x]`).
        case socket(Int32)
        /// /dev/null: nothing writes to it (check commands).
        case discard
    }

    /// Where one of the child's outputs goes.
    public enum Output: Sendable, Equatable {
        /// A pipe the daemon reads.
        case pipe
        /// /dev/null: nothing would use it.
        case discard
        /// The same descriptor as stdout (`redirect_stderr`).
        case stdout
    }

    public var name: String
    /// The command line as configured; the spawner splits it and finds the program.
    public var command: String
    public var environment: [EnvironmentVariable]
    public var directory: String?
    public var umask: UInt32?
    public var user: UserSpec?
    public var stdin: Input
    public var stdout: Output
    public var stderr: Output
    /// An open directory descriptor of the cgroup the child starts in (`cgroups=`); nil:
    /// the daemon's.
    public var cgroup: Int32? = nil
}
