import SupervisorConfig

/// One cgroup limit of a program: the key that set it, the controller it needs, the
/// interface file and the text written there.
struct CgroupLimit: Equatable {
    let key: String
    let controller: String
    let file: String
    let value: String

    /// cpu.max's period, in microseconds (the kernel's default).
    static let cpuPeriod = 100_000
    /// The smallest quota the kernel takes, in microseconds.
    static let cpuQuotaMinimum = 1000

    /// The limits `limits` sets (`memory_max`, `cpu_max`, `pids_max`), in that order.
    static func all(_ limits: ResourceLimits) -> [CgroupLimit] {
        var all: [CgroupLimit] = []
        if let bytes = limits.memoryMax {
            all.append(CgroupLimit(key: "memory_max", controller: "memory", file: "memory.max", value: String(bytes)))
        }
        if let share = limits.cpuMax {
            all.append(CgroupLimit(key: "cpu_max", controller: "cpu", file: "cpu.max", value: cpuMaxText(share)))
        }
        if let count = limits.pidsMax {
            all.append(CgroupLimit(key: "pids_max", controller: "pids", file: "pids.max", value: String(count)))
        }
        return all
    }

    /// cpu.max for a share of one CPU: `$QUOTA $PERIOD` (0.5 is "50000 100000": half of
    /// every 100 ms; 2 is "200000 100000": two CPUs' worth).
    static func cpuMaxText(_ share: Double) -> String {
        let quota = max(cpuQuotaMinimum, Int((share * Double(cpuPeriod)).rounded()))
        return "\(quota) \(cpuPeriod)"
    }
}
