import SupervisorCommon

/// The durations of the extension keys (`ready_timeout`, `healthcheck_interval`, `watchdog_sec`, ...).
enum SecondsParser {
    /// Below a millisecond a timer would spin; beyond this, seconds no longer fit a timer's
    /// nanoseconds with room to add them to the clock.
    static let range = 0.001...1_000_000_000.0

    /// Seconds written as decimals (`10`, `0.5`, `.25`) within `range`.
    static func seconds(_ text: String, key: String) throws(InvalidValue) -> Double {
        let trimmed = text.trimmingWhitespace()
        let digits = trimmed.filter { $0 != "." }
        // Only plain decimals: Double() would also take `1e3`, `0x10`, `inf` and `nan`.
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
              trimmed.count - digits.count <= 1, let seconds = Double(trimmed), range.contains(seconds) else {
            throw InvalidValue("invalid \(key) value \(pythonRepr(text)): expected a number of seconds "
                                   + "from 0.001 to 1000000000, such as 5 or 0.5")
        }
        return seconds
    }
}
