import SupervisorCommon
import Glibc
import XCTest

@testable import SupervisorAPI

/// Expected values follow the reference's `readFile` and `tailFile` (supervisor/options.py).
final class LogFileReaderTests: XCTestCase {
    private var path = ""

    override func setUpWithError() throws {
        var template = Array("/tmp/log-file-reader-test-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        XCTAssertGreaterThanOrEqual(fd, 0)
        close(fd)
        path = String(cBuffer: template)
        write("0123456789")
    }

    override func tearDown() {
        unlink(path)
    }

    /// Replaces the file's contents.
    private func write(_ text: String) {
        let fd = open(path, O_WRONLY | O_TRUNC)
        var text = text
        text.withUTF8 { _ = Glibc.write(fd, $0.baseAddress, $0.count) }
        close(fd)
    }

    private func read(_ offset: Int, _ length: Int) throws -> String {
        String(decoding: try LogFileReader.read(path: path, offset: offset, length: length), as: UTF8.self)
    }

    private func tail(_ offset: Int, _ length: Int) -> (String, Int, Bool) {
        let result = LogFileReader.tail(path: path, offset: offset, length: length)
        return (String(decoding: result.bytes, as: UTF8.self), result.offset, result.overflow)
    }

    func testReadFromAnOffset() throws {
        XCTAssertEqual(try read(0, 0), "0123456789", "length 0 reads to the end")
        XCTAssertEqual(try read(3, 0), "3456789")
        XCTAssertEqual(try read(3, 4), "3456")
        XCTAssertEqual(try read(0, 10), "0123456789")
    }

    func testReadPastTheEndGivesWhatThereIs() throws {
        XCTAssertEqual(try read(8, 5), "89")
        XCTAssertEqual(try read(10, 0), "")
        XCTAssertEqual(try read(10, 5), "")
        XCTAssertEqual(try read(50, 0), "")
    }

    func testANegativeOffsetReadsFromTheEnd() throws {
        XCTAssertEqual(try read(-3, 0), "789")
        XCTAssertEqual(try read(-10, 0), "0123456789")
        XCTAssertEqual(try read(-50, 0), "0123456789", "more than the file: all of it")
    }

    func testOffsetsAtTheEndsOfIntDoNotOverflow() throws {
        XCTAssertEqual(try read(Int.min, 0), "0123456789", "the most negative offset: all of it")
        XCTAssertEqual(try LogFileReader.slice(path: path, offset: Int.min, length: 0).start, 0)
        XCTAssertEqual(try read(Int.max, 0), "")
        XCTAssertEqual(try read(Int.max, Int.max), "")
        XCTAssertEqual(try read(0, Int.max), "0123456789")
    }

    func testANegativeOffsetWithALengthIsBadArguments() {
        XCTAssertThrowsError(try read(-3, 2)) { XCTAssertEqual($0 as? LogFileReader.Failure, .badArguments) }
    }

    func testANegativeLengthIsBadArguments() {
        XCTAssertThrowsError(try read(0, -1)) { XCTAssertEqual($0 as? LogFileReader.Failure, .badArguments) }
    }

    func testAMissingFileFails() {
        unlink(path)
        XCTAssertThrowsError(try read(0, 0)) { XCTAssertEqual($0 as? LogFileReader.Failure, .failed) }
    }

    func testReadAnEmptyFile() throws {
        write("")
        XCTAssertEqual(try read(0, 0), "")
        XCTAssertEqual(try read(-5, 0), "")
    }

    func testTailOfAFileThatFitsHasNoOverflow() {
        XCTAssertEqual(tail(0, 10).0, "0123456789")
        XCTAssertEqual(tail(0, 10).1, 10)
        XCTAssertFalse(tail(0, 10).2)
        XCTAssertEqual(tail(0, 100).0, "0123456789")
        XCTAssertFalse(tail(0, 100).2)
    }

    func testTailOfAFileThatGrewPastOffsetPlusLengthOverflows() {
        let (bytes, offset, overflow) = tail(0, 4)
        XCTAssertEqual(bytes, "6789", "the last `length` bytes")
        XCTAssertEqual(offset, 10)
        XCTAssertTrue(overflow)
    }

    func testTailFromAnEarlierOffsetGivesUpToLengthBytesNotOnlyTheNewOnes() {
        XCTAssertEqual(tail(7, 100).0, "0123456789")
        XCTAssertEqual(tail(7, 5).0, "56789")
        XCTAssertFalse(tail(7, 5).2)
    }

    func testTailAtTheEndGivesNothing() {
        let (bytes, offset, overflow) = tail(10, 100)
        XCTAssertEqual(bytes, "")
        XCTAssertEqual(offset, 10)
        XCTAssertFalse(overflow)
    }

    func testTailFromBeyondTheEndGivesNothingAndTheSize() {
        // The file was cleared or rotated since: the caller goes on from the new size.
        let (bytes, offset, overflow) = tail(50, 4)
        XCTAssertEqual(bytes, "")
        XCTAssertEqual(offset, 10)
        XCTAssertFalse(overflow)
    }

    func testTailWithLengthOneOfAGrownFile() {
        let (bytes, offset, overflow) = tail(0, 1)
        XCTAssertEqual(bytes, "9")
        XCTAssertEqual(offset, 10)
        XCTAssertTrue(overflow)
    }

    func testTailOfAnEmptyFile() {
        write("")
        let (bytes, offset, overflow) = tail(0, 10)
        XCTAssertEqual(bytes, "")
        XCTAssertEqual(offset, 0)
        XCTAssertFalse(overflow)
    }

    func testTailOfAMissingFileKeepsTheOffset() {
        unlink(path)
        let (bytes, offset, overflow) = tail(42, 10)
        XCTAssertEqual(bytes, "")
        XCTAssertEqual(offset, 42)
        XCTAssertFalse(overflow)
    }
}
