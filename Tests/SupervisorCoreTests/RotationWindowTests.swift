import XCTest

@testable import SupervisorCore

/// Where days and hours of local time begin and end, daylight saving time included (US
/// Eastern rules in 2026: clocks go forward on March 8 at 02:00, back on November 1 at 02:00).
final class RotationWindowTests: XCTestCase {
    private let eastern = "EST5EDT,M3.2.0,M11.1.0"

    private func describe(_ window: RotationWindow?) -> String? {
        window.map { "\($0.label) until \($0.end)" }
    }

    func testNoneHasNoWindow() {
        XCTAssertNil(RotationWindow(.none, containing: 1_796_133_845))
    }

    func testAnHourEndsAtTheNextFullHour() {
        withTimeZone("UTC0") {
            let window = RotationWindow(.hourly, containing: 1_796_133_845)  // 14:04:05
            XCTAssertEqual(describe(window), "2026-12-01T14 until \(1_796_137_200)")
            XCTAssertEqual(RotationWindow(.hourly, containing: 1_796_137_200)?.label, "2026-12-01T15")
            XCTAssertEqual(RotationWindow(.hourly, containing: 1_796_137_199)?.label, "2026-12-01T14")
        }
    }

    func testADayEndsAtLocalMidnight() {
        withTimeZone("CET-1") {
            // 2026-12-01 15:04:05 local; the day ends at 23:00 UTC.
            XCTAssertEqual(describe(RotationWindow(.daily, containing: 1_796_133_845)),
                           "2026-12-01 until \(1_796_166_000)")
        }
    }

    func testTheHourClocksSkipIsNoWindow() {
        withTimeZone(eastern) {
            let before = RotationWindow(.hourly, containing: 1_772_951_400)  // 01:30 EST
            XCTAssertEqual(describe(before), "2026-03-08T01 until \(1_772_953_200)")  // 03:00 EDT
            XCTAssertEqual(RotationWindow(.hourly, containing: 1_772_953_200)?.label, "2026-03-08T03")
        }
    }

    func testTheHourClocksRepeatIsTwoWindowsWithOneLabel() {
        withTimeZone(eastern) {
            let first = RotationWindow(.hourly, containing: 1_793_511_000)  // 01:30 EDT
            XCTAssertEqual(describe(first), "2026-11-01T01 until \(1_793_512_800)")  // 01:00 EST
            let second = RotationWindow(.hourly, containing: 1_793_512_800)
            XCTAssertEqual(describe(second), "2026-11-01T01 until \(1_793_516_400)")
        }
    }

    func testDaysOf23And25Hours() {
        withTimeZone(eastern) {
            let springStart = 1_772_946_000  // 2026-03-08 00:00 EST
            XCTAssertEqual(RotationWindow(.daily, containing: springStart - 1)?.end, springStart)
            let spring = RotationWindow(.daily, containing: 1_772_989_200)  // 13:00 EDT
            XCTAssertEqual(describe(spring), "2026-03-08 until \(springStart + 23 * 3600)")
            let autumnStart = 1_793_505_600  // 2026-11-01 00:00 EDT
            let autumn = RotationWindow(.daily, containing: 1_793_548_800)  // 11:00 EST
            XCTAssertEqual(describe(autumn), "2026-11-01 until \(autumnStart + 25 * 3600)")
        }
    }

    func testHoursOfAHalfHourZoneEndAtItsFullHours() {
        withTimeZone("IST-5:30") {
            // 09:40 UTC is 15:10 local: the hour ends at 16:00 local, 10:30 UTC.
            XCTAssertEqual(describe(RotationWindow(.hourly, containing: 1_796_118_000)),
                           "2026-12-01T15 until \(1_796_121_000)")
        }
    }
}
