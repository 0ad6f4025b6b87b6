import Glibc
import SupervisorCommon
import SupervisorConfig
import XCTest

@testable import SupervisorCore

/// A log file rotating by time (`*_logfile_rotate`), with `*_logfile_maxage` and the backups
/// limit on its rotated files. The clock is the real one: a file last written days ago is
/// what lies in an earlier window.
final class TimeRotationTests: XCTestCase {
    private let directory = LogDirectory()
    private var path: String { directory.file("x.log") }
    private let day = 86400.0

    private func label(daysAgo: Double, _ format: String = "%Y-%m-%d") -> String {
        LocalTime.format(LogClock.now().tv_sec - Int(daysAgo * day), format)
    }

    private func open(maxBytes: Int = 0, backups: Int = 5, _ policy: LogRotationPolicy) throws -> RotatingLogFile {
        let file = RotatingLogFile(path: path, maxBytes: maxBytes, backups: backups, policy: policy)
        try file.create()
        return file
    }

    func testTheFileIsRolledOverAtTheFirstWriteAfterItsWindowNamedByIt() throws {
        directory.write("x.log", "written two days ago\n", age: 2 * day)
        let file = try open(LogRotationPolicy(period: .daily))
        XCTAssertEqual(directory.names(), ["x.log"], "nothing happens before a write")
        file.write("today\n")
        let rotated = "x.log." + label(daysAgo: 2)
        XCTAssertEqual(directory.names(), ["x.log", rotated])
        XCTAssertEqual(directory.text(rotated), "written two days ago\n")
        XCTAssertEqual(directory.text("x.log"), "today\n")
        file.write("still today\n")
        XCTAssertEqual(directory.names(), ["x.log", rotated])
        XCTAssertEqual(directory.text("x.log"), "today\nstill today\n")
    }

    func testAnHourlyFileIsNamedByItsHour() throws {
        directory.write("x.log", "an hour ago\n", age: 3600)
        let file = try open(LogRotationPolicy(period: .hourly))
        file.write("now\n")
        let rotated = "x.log." + label(daysAgo: 1.0 / 24, "%Y-%m-%dT%H")
        XCTAssertEqual(directory.names(), ["x.log", rotated])
        XCTAssertEqual(directory.text(rotated), "an hour ago\n")
    }

    func testSizeRotationsWithinAWindowAreNumberedAfterIt() throws {
        let file = try open(maxBytes: 10, backups: 10, LogRotationPolicy(period: .daily))
        file.write("0123456789abcdefghijABCDEFGHIJxyz")
        let today = "x.log." + label(daysAgo: 0)
        XCTAssertEqual(directory.names(), ["x.log", today, today + ".1", today + ".2"])
        let inOrder = [today, today + ".1", today + ".2", "x.log"].compactMap(directory.text)
        XCTAssertEqual(inOrder, ["0123456789", "abcdefghij", "ABCDEFGHIJ", "xyz"])
        // A window's names are not reused: what is rotated next continues the numbering.
        file.write("0123456")
        XCTAssertTrue(directory.names().contains(today + ".3"), "\(directory.names())")
    }

    func testBackupsBoundTheWindowedFilesOldestFirst() throws {
        directory.write("x.log.2020-01-01", "a")
        directory.write("x.log.2020-01-02.gz", "b")
        directory.write("x.log.2020-01-02.1", "c")
        directory.write("x.log.1", "numbered: not one of the windowed files")
        directory.write("x.log", "full", age: 2 * day)
        let file = try open(backups: 2, LogRotationPolicy(period: .daily))
        file.write("new")
        XCTAssertEqual(directory.names(), ["x.log", "x.log.1", "x.log.2020-01-02.1", "x.log." + label(daysAgo: 2)])
    }

    func testNoBackupsKeepsNoRotatedFile() throws {
        directory.write("x.log", "yesterday", age: day)
        let file = try open(backups: 0, LogRotationPolicy(period: .daily))
        file.write("today")
        XCTAssertEqual(directory.names(), ["x.log"])
        XCTAssertEqual(directory.text("x.log"), "today")
    }

    func testMaxAgeAndLeftoversAreCleanedUpAtStart() throws {
        let old = 10 * day
        directory.write("x.log", "live, old", age: old)
        directory.write("x.log.1", "old", age: old)
        directory.write("x.log.2.gz", "old", age: old)
        directory.write("x.log.2020-01-01.gz", "old", age: old)
        directory.write("x.log.3", "recent", age: day)
        directory.write("x.log.notes", "not a rotated file", age: old)
        directory.write("x.log.4.gz.tmp", "a crash's partial compression")
        directory.write("x.log.5", "a crash after its compression was complete")
        directory.write("x.log.5.gz", "complete")
        _ = try open(LogRotationPolicy(maxAge: 7 * Int(day)))
        XCTAssertEqual(directory.names(), ["x.log", "x.log.3", "x.log.notes", "x.log.5.gz"])
    }

    func testMaxAgeIsAppliedAtEachRotation() throws {
        let file = try open(maxBytes: 4, LogRotationPolicy(maxAge: 3600))
        directory.write("x.log.3", "two hours old", age: 7200)
        file.write("abcd")
        XCTAssertEqual(directory.names(), ["x.log", "x.log.1"])
        XCTAssertEqual(directory.text("x.log.1"), "abcd")
    }

    func testClearDeletesEveryRotatedFile() throws {
        let file = try open(maxBytes: 4, LogRotationPolicy(period: .hourly))
        directory.write("x.log.2020-01-01T00.gz", "x")
        directory.write("x.log.7", "x")
        directory.write("x.log.notes", "x")
        file.write("abcdefgh")
        file.clear()
        XCTAssertEqual(directory.names(), ["x.log", "x.log.notes"])
    }

    func testWithoutTheKeysTheNumberingIsTheReferences() throws {
        directory.write("x.log.2.gz", "not touched: no compression configured")
        let file = try open(maxBytes: 4, backups: 3, LogRotationPolicy())
        file.write("aaaabbbbcccc")
        XCTAssertEqual(directory.names(), ["x.log", "x.log.1", "x.log.2", "x.log.2.gz", "x.log.3"])
        XCTAssertEqual(["x.log.3", "x.log.2", "x.log.1"].compactMap(directory.text), ["aaaa", "bbbb", "cccc"])
    }
}
