import Glibc
import SupervisorCommon
import XCTest

@testable import SupervisorCore

/// The log clock's test offset and the formats of log times.
final class LogClockTests: XCTestCase {
    func testOffsetsAreDecimalSeconds() {
        XCTAssertEqual(LogClock.parseOffset(nil).nanoseconds, 0)
        XCTAssertEqual(LogClock.parseOffset("3600").nanoseconds, 3_600_000_000_000)
        XCTAssertEqual(LogClock.parseOffset("-0.5").nanoseconds, -500_000_000)
        XCTAssertEqual(LogClock.parseOffset(".25").nanoseconds, 250_000_000)
        XCTAssertNil(LogClock.parseOffset("3599.9").problem)
    }

    func testAnOffsetThatIsNotANumberIsAProblem() {
        for text in ["", "abc", "1e3", "--1", "+5", "1.2.3", " 5", "inf", "4000000000"] {
            XCTAssertEqual(LogClock.parseOffset(text).problem, "SUPERVISOR_CLOCK_OFFSET must be a number of seconds, "
                               + "such as 3600 or -0.5, not '\(text)'", text)
        }
    }

    func testTheClockIsUnshiftedWithoutTheVariable() {
        XCTAssertNil(LogClock.offsetProblem)
        let real = timespec(tv_sec: 1_796_133_845, tv_nsec: 123_000_000)
        let shifted = LogClock.shifted(real)
        XCTAssertEqual([shifted.tv_sec, shifted.tv_nsec], [real.tv_sec, real.tv_nsec])
    }

    func testRFC3339HasMillisecondsAndTheLocalOffset() {
        let time = timespec(tv_sec: 1_796_133_845, tv_nsec: 123_456_789)  // 2026-12-01 14:04:05.123 UTC
        let cases = [
            ("UTC0", "2026-12-01T14:04:05.123+00:00"), ("CET-1", "2026-12-01T15:04:05.123+01:00"),
            ("IST-5:30", "2026-12-01T19:34:05.123+05:30"), ("EST5", "2026-12-01T09:04:05.123-05:00"),
            ("NST3:30", "2026-12-01T10:34:05.123-03:30"),
        ]
        for (zone, expected) in cases {
            XCTAssertEqual(withTimeZone(zone) { LocalTime.rfc3339(time) }, expected, zone)
        }
    }

    func testTheMainLogsTimestamperGivesLogTimestampAcrossSecondsAndMilliseconds() {
        withTimeZone("CET-1") {
            var stamper = LogTimestamper()
            let times = [(1_796_133_845, 5_000_000), (1_796_133_845, 999_999_999), (1_796_133_846, 0),
                         (1_796_133_846, 10_000_000), (1_796_133_845, 123_000_000), (1_796_220_245, 1_000_000)]
            for (seconds, nanoseconds) in times {
                let time = timespec(tv_sec: seconds, tv_nsec: nanoseconds)
                XCTAssertEqual(stamper.stamp(time), LocalTime.logTimestamp(time), "\(seconds).\(nanoseconds)")
            }
        }
    }

    func testTheDaemonLogTimestampKeepsTheReferenceFormat() {
        withTimeZone("UTC0") {
            XCTAssertEqual(LocalTime.logTimestamp(timespec(tv_sec: 1_796_133_845, tv_nsec: 5_000_000)),
                           "2026-12-01 14:04:05,005")
            XCTAssertEqual(LocalTime.logTimestamp(timespec(tv_sec: 1_796_133_845, tv_nsec: 999_999_999)),
                           "2026-12-01 14:04:05,999")
        }
    }
}
