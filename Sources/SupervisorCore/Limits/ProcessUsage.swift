/// The CPU time and resident memory of a process with all its descendants, or of the daemon.
public struct ProcessUsage: Equatable, Sendable {
    /// User and system CPU seconds of the live members, and of the descendants they reaped
    /// (the CPU of a finished child moves into its parent's figures when it is waited for).
    public var cpuSeconds: Double
    public var residentBytes: Int

    public init(cpuSeconds: Double, residentBytes: Int) {
        self.cpuSeconds = cpuSeconds
        self.residentBytes = residentBytes
    }
}
