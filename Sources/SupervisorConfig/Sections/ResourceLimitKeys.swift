extension ResourceLimits {
    /// The resource keys of a program section: `memory_limit` with its action and sampling
    /// interval, and the cgroup limits `memory_max`, `cpu_max` and `pids_max`. The action and
    /// interval are checked without `memory_limit` too: a bad value is a mistake either way.
    static func read(_ reader: SectionReader) throws -> ResourceLimits {
        var limits = ResourceLimits()
        limits.memoryLimit = try reader.value("memory_limit") { (text) throws(InvalidValue) in
            try ExtensionValueParsers.positiveByteSize(text, key: "memory_limit")
        }
        limits.memoryLimitAction = try reader.value("memory_limit_action", default: limits.memoryLimitAction) {
            (text) throws(InvalidValue) in
            try ExtensionValueParsers.choice(text, key: "memory_limit_action")
        }
        limits.memoryCheckInterval = try reader.seconds("memory_check_interval", default: limits.memoryCheckInterval)
        limits.memoryMax = try reader.value("memory_max") { (text) throws(InvalidValue) in
            try ExtensionValueParsers.positiveByteSize(text, key: "memory_max")
        }
        // As written, not expanded: the `%` of `50%` is a percent sign, not an expansion's start.
        limits.cpuMax = try reader.raw("cpu_max").map { text in
            try reader.convert(text, key: "cpu_max", ExtensionValueParsers.cpuShare)
        }
        limits.pidsMax = try reader.value("pids_max", ExtensionValueParsers.pidsMax)
        return limits
    }
}
