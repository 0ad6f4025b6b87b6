import SupervisorCommon

/// The extension keys that decide when a process counts as started and whether it stays well:
/// `ready`, `healthcheck`, `watchdog_sec` and their timings. Read with the per-process reader, so
/// that each process of a pool checks its own port (`ready=tcp:80%(process_num)02d`). Timings
/// are checked even without the check they belong to: a bad value is a mistake either way.
enum ProcessChecks {
    /// `ready=` with `ready_timeout`, `ready_interval` and `healthcheck_timeout` (which bounds
    /// each polled attempt), or nil without `ready=`.
    static func readiness(_ reader: SectionReader) throws -> ReadinessConfig? {
        let probe = try reader.value("ready", ProbeSpecParser.readiness)
        // The model holds the defaults; its probe is replaced or the whole is dropped.
        var ready = ReadinessConfig(probe: probe ?? .notify)
        ready.timeout = try reader.seconds("ready_timeout", default: ready.timeout)
        ready.interval = try reader.seconds("ready_interval", default: ready.interval)
        ready.attemptTimeout = try reader.seconds("healthcheck_timeout", default: ready.attemptTimeout)
        return probe == nil ? nil : ready
    }

    /// `healthcheck=` with its interval, timeout, retries and action, or nil without `healthcheck=`.
    static func healthCheck(_ reader: SectionReader) throws -> HealthCheckConfig? {
        let probe = try reader.value("healthcheck", ProbeSpecParser.healthCheck)
        // The model holds the defaults; its probe is replaced or the whole is dropped.
        var health = HealthCheckConfig(probe: probe ?? .exec(command: "true"))
        health.interval = try reader.seconds("healthcheck_interval", default: health.interval)
        health.timeout = try reader.seconds("healthcheck_timeout", default: health.timeout)
        health.retries = try reader.value("healthcheck_retries", default: health.retries) {
            (text) throws(InvalidValue) in
            guard let retries = try? ValueParsers.integer(text), retries >= 1 else {
                throw InvalidValue("invalid healthcheck_retries value \(pythonRepr(text)): expected a whole "
                                       + "number of failures, 1 or more")
            }
            return retries
        }
        health.action = try reader.value("healthcheck_action", default: health.action) { (text) throws(InvalidValue) in
            try ExtensionValueParsers.choice(text, key: "healthcheck_action")
        }
        return probe == nil ? nil : health
    }

    /// `watchdog_sec=`: seconds allowed between `WATCHDOG=1` pings, or nil.
    static func watchdogSeconds(_ reader: SectionReader) throws -> Double? {
        try reader.value("watchdog_sec") { (text) throws(InvalidValue) in
            try SecondsParser.seconds(text, key: "watchdog_sec")
        }
    }
}
