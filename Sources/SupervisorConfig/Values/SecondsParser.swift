import SupervisorCommon

/// The durations of the extension keys (`ready_timeout`, `healthcheck_interval`, `watchdog_sec`, ...).
enum SecondsParser {
    /// Below a millisecond a timer would spin; beyond this, seconds no longer fit a timer's
    /// nanoseconds with room to add them to the clock.
    static let range = 0.001...1_000_000_000.0

    /// Seconds written as decimals (`10`, `0.5`, `.25`) within `range`, or exactly 0 when
    /// `allowingZero` (a delay that may be none: `restart_delay`).
    static func seconds(_ text: String, key: String, allowingZero: Bool = false) throws(InvalidValue) -> Double {
        guard let seconds = ExtensionValueParsers.plainDecimal(text),
              range.contains(seconds) || (allowingZero && seconds == 0) else {
            throw InvalidValue("invalid \(key) value \(pythonRepr(text)): expected "
                                   + (allowingZero ? "0 or " : "") + "a number of seconds "
                                   + "from 0.001 to 1000000000, such as 5 or 0.5")
        }
        return seconds
    }
}
