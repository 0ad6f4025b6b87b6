import CSupervisor
import Foundation
import SupervisorCommon
import SupervisorConfig
import XCTest

@testable import SupervisorCore

/// gzip compression of rotated files: zlib's output, and the queue that keeps compressions
/// right while rotations rename the files under them.
final class LogCompressorTests: XCTestCase {
    private let directory = LogDirectory()
    private var path: String { directory.file("x.log") }

    /// Holds each compression until the test lets it run, as a busy background thread would.
    private final class HeldRunner {
        var pending: [(work: @Sendable () -> Int32, done: (Int32?) -> Void)] = []
        var runner: LogCompressor.Runner { { [unowned self] work, done in pending.append((work, done)) } }

        func finishNext() {
            let (work, done) = pending.removeFirst()
            done(work())
        }

        func refuseNext() {
            pending.removeFirst().done(nil)
        }
    }

    private let held = HeldRunner()

    /// The log file, compressing with `held`.
    private func open(maxBytes: Int, backups: Int, _ policy: LogRotationPolicy) throws -> RotatingLogFile {
        let file = RotatingLogFile(path: path, maxBytes: maxBytes, backups: backups, policy: policy,
                                   compressor: LogCompressor(runner: held.runner))
        try file.create()
        return file
    }

    func testGzipRoundTripKeepsTheBytesModeAndTime() throws {
        var bytes = [UInt8]()
        for index in 0..<300_000 { bytes.append(UInt8(truncatingIfNeeded: index &* 2_654_435_761 >> 7)) }
        let source = directory.file("data")
        _ = FileManager.default.createFile(atPath: source, contents: Data(bytes), attributes: [.posixPermissions: 0o640])
        directory.setAge("data", 3600)
        let fd = Glibc.open(source, O_RDONLY)
        XCTAssertEqual(sv_gzip_file(fd, directory.file("data.gz")), 0)
        XCTAssertEqual(fcntl(fd, F_GETFD), -1, "the source is closed")
        XCTAssertEqual(directory.gunzip("data.gz"), Data(bytes))
        let original = try FileManager.default.attributesOfItem(atPath: source)
        let compressed = try FileManager.default.attributesOfItem(atPath: directory.file("data.gz"))
        XCTAssertEqual(compressed[.posixPermissions] as? Int, 0o640)
        XCTAssertEqual(compressed[.modificationDate] as? Date, original[.modificationDate] as? Date)
    }

    func testAGzipFailureLeavesNoFile() {
        let fd = Glibc.open(path, O_RDONLY | O_CREAT, 0o644)
        XCTAssertEqual(sv_gzip_file(fd, directory.file("missing/x.gz")), ENOENT)
        XCTAssertEqual(directory.names(), ["x.log"])
    }

    func testRotationsWhileCompressingShiftTheFilesTheCompressionsFollow() throws {
        let file = try open(maxBytes: 4, backups: 3, LogRotationPolicy(compress: true))
        file.write("aaaabbbb")
        // aaaa is being compressed as x.log.1 when the next rotation makes it x.log.2.
        XCTAssertEqual(directory.names(), ["x.log", "x.log.1", "x.log.2"])
        XCTAssertEqual(held.pending.count, 1, "one compression at a time")
        held.finishNext()
        XCTAssertEqual(directory.names(), ["x.log", "x.log.1", "x.log.2.gz"])
        file.write("cccc")
        held.finishNext()
        held.finishNext()
        XCTAssertEqual(directory.names(), ["x.log", "x.log.1.gz", "x.log.2.gz", "x.log.3.gz"])
        XCTAssertEqual(["x.log.3.gz", "x.log.2.gz", "x.log.1.gz"].compactMap(directory.text), ["aaaa", "bbbb", "cccc"])
        XCTAssertTrue(held.pending.isEmpty)
    }

    func testAFileDeletedWhileBeingCompressedLeavesNothingBehind() throws {
        let file = try open(maxBytes: 4, backups: 2, LogRotationPolicy(compress: true))
        // aaaa goes x.log.1 → x.log.2 → beyond the backups while its compression runs.
        file.write("aaaabbbbcccc")
        XCTAssertEqual(directory.names(), ["x.log", "x.log.1", "x.log.2"])
        while !held.pending.isEmpty { held.finishNext() }
        XCTAssertEqual(directory.names(), ["x.log", "x.log.1.gz", "x.log.2.gz"])
        XCTAssertEqual(["x.log.2.gz", "x.log.1.gz"].compactMap(directory.text), ["bbbb", "cccc"])
    }

    func testWindowedFilesAreCompressedUnderTheirName() throws {
        directory.write("x.log", "yesterday\n", age: 86400)
        let file = try open(maxBytes: 0, backups: 5, LogRotationPolicy(period: .daily, compress: true))
        file.write("today\n")
        held.finishNext()
        let rotated = "x.log." + LocalTime.format(LogClock.now().tv_sec - 86400, "%Y-%m-%d") + ".gz"
        XCTAssertEqual(directory.names(), ["x.log", rotated])
        XCTAssertEqual(directory.text(rotated), "yesterday\n")
    }

    func testRotatedFilesLeftUncompressedAreCompressedAtStart() throws {
        directory.write("x.log.1", "one")
        directory.write("x.log.2020-01-01", "old")
        _ = try open(maxBytes: 4, backups: 5, LogRotationPolicy(compress: true))
        held.finishNext()
        held.finishNext()
        XCTAssertEqual(directory.names(), ["x.log", "x.log.1.gz", "x.log.2020-01-01.gz"])
    }

    func testAFailedCompressionIsReportedOnceAndLeavesTheFile() throws {
        let file = try open(maxBytes: 4, backups: 5, LogRotationPolicy(compress: true))
        var reports: [String] = []
        file.statusHandler = { status in
            switch status {
            case .failing(let failure): reports.append("\(failure)")
            case .resumed: reports.append("resumed")
            }
        }
        file.write("aaaabbbb")
        held.refuseNext()
        held.refuseNext()
        XCTAssertEqual(reports, ["could not compress \(path).2: ECANCELED (Operation canceled)"])
        XCTAssertEqual(directory.names(), ["x.log", "x.log.1", "x.log.2"])
        file.write("cccc")
        held.finishNext()
        XCTAssertEqual(reports.last, "resumed")
    }
}
