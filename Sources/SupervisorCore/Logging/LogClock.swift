import Glibc
import SupervisorConfig

/// The daemon's wall clock for its logs: the times written in log lines, when a log is rolled
/// over by time and how rotated files are named and aged. Everything else (process start and
/// stop times, the API) uses the real clock (`WallClock`).
///
/// For testing only, `SUPERVISOR_CLOCK_OFFSET=<seconds>` in the daemon's environment (read
/// once, when the daemon starts: `DaemonRunner` checks it first thing) shifts this clock by
/// that many seconds (a decimal, negative to go back), so that a test can put the daemon just
/// before midnight or a full hour without waiting for one.
public enum LogClock {
    static let offsetVariable = "SUPERVISOR_CLOCK_OFFSET"

    private static let setting = parseOffset(getenv(offsetVariable).map { String(cString: $0) })

    /// Why the offset variable cannot be used (the daemon refuses to start); nil when it is fine or unset.
    public static var offsetProblem: String? { setting.problem }

    /// Now, shifted by the offset.
    public static func now() -> timespec {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return shifted(time)
    }

    /// Now, shifted by the offset, in seconds since the epoch with their fraction.
    static func seconds() -> Double {
        let time = now()
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// The log clock's reading at a real time (a file's modification time).
    public static func shifted(_ real: timespec) -> timespec {
        let total = real.tv_sec * 1_000_000_000 + real.tv_nsec + setting.nanoseconds
        let (seconds, nanoseconds) = total.quotientAndRemainder(dividingBy: 1_000_000_000)
        // A negative remainder belongs to the second before.
        return nanoseconds < 0 ? timespec(tv_sec: seconds - 1, tv_nsec: nanoseconds + 1_000_000_000)
            : timespec(tv_sec: seconds, tv_nsec: nanoseconds)
    }

    /// Plain decimal seconds with an optional minus sign, at most a hundred years either way.
    static func parseOffset(_ text: String?) -> (nanoseconds: Int, problem: String?) {
        guard let text else { return (0, nil) }
        let negative = text.hasPrefix("-")
        let magnitude = negative ? String(text.dropFirst()) : text
        let digits = magnitude.filter { $0 != "." }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), magnitude.count - digits.count <= 1,
              let seconds = Double(magnitude), seconds <= 100 * 365 * 86400 else {
            return (0, "\(offsetVariable) must be a number of seconds, such as 3600 or -0.5, not \(pythonRepr(text))")
        }
        let nanoseconds = Int((seconds * 1e9).rounded())
        return (negative ? -nanoseconds : nanoseconds, nil)
    }
}
