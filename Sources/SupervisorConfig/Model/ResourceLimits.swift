/// Per-program resource settings (extensions): `memory_limit` watched by the daemon, and
/// the cgroup limits written when the process runs in a cgroup of its own.
public struct ResourceLimits: Equatable, Sendable {
    /// What to do when the process tree's resident memory passes `memory_limit`.
    public enum Action: String, Equatable, Sendable, CaseIterable {
        case restart
        case stop
    }

    /// `memory_limit`, bytes of resident memory of the process and all its descendants.
    public var memoryLimit: Int?
    /// `memory_limit_action`.
    public var memoryLimitAction: Action = .restart
    /// `memory_check_interval`, seconds between samples (only for processes with a limit).
    public var memoryCheckInterval: Double = 10
    /// `memory_max` (cgroup `memory.max`), bytes.
    public var memoryMax: Int?
    /// `cpu_max` (cgroup `cpu.max`), as a share of one CPU: `50%` is 0.5, `200%` is 2.
    public var cpuMax: Double?
    /// `pids_max` (cgroup `pids.max`).
    public var pidsMax: Int?

    public init() {}

    /// Whether any cgroup limit is set.
    public var hasCgroupLimits: Bool { memoryMax != nil || cpuMax != nil || pidsMax != nil }
}
