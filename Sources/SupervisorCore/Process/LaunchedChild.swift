import Glibc

/// A child the spawner made, with the parent's ends of its pipes (-1 when absent).
public struct LaunchedChild: Sendable {
    public let pid: pid_t
    public let stdinFD: Int32
    public let stdoutFD: Int32
    public let stderrFD: Int32
    /// Set when the child failed between clone and exec (it exits 127 by itself).
    public let childFailure: String?

    public init(pid: pid_t, stdinFD: Int32 = -1, stdoutFD: Int32 = -1, stderrFD: Int32 = -1, childFailure: String? = nil) {
        self.pid = pid
        self.stdinFD = stdinFD
        self.stdoutFD = stdoutFD
        self.stderrFD = stderrFD
        self.childFailure = childFailure
    }
}
