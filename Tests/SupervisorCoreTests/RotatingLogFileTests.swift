import Glibc
import NIOCore
import SupervisorCommon
import XCTest

@testable import SupervisorCore

final class RotatingLogFileTests: XCTestCase {
    private var directory = ""

    override func setUpWithError() throws {
        var template = Array("/tmp/rotating-log-test-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        XCTAssertNotNil(made)
        directory = String(cBuffer: template)
    }

    override func tearDown() {
        removeTree(directory)
    }

    private func removeTree(_ path: String) {
        if let dir = opendir(path) {
            while let entry = readdir(dir) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.baseAddress!.assumingMemoryBound(to: CChar.self)) }
                if name != "." && name != ".." { removeTree("\(path)/\(name)") }
            }
            closedir(dir)
            rmdir(path)
        } else {
            unlink(path)
        }
    }

    private func contents(_ path: String) -> String? {
        guard let file = fopen(path, "r") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        while true {
            let c = fgetc(file)
            if c == EOF { break }
            bytes.append(UInt8(c))
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Records what the file reports, as text.
    private func record(_ file: RotatingLogFile) -> () -> [String] {
        let reports = Reports()
        file.statusHandler = { status in
            switch status {
            case .failing(let failure): reports.lines.append("\(failure)")
            case .resumed: reports.lines.append("resumed")
            }
        }
        return { reports.lines }
    }

    private final class Reports {
        var lines: [String] = []
    }

    func testWritesAppendAndRotateAtMaxBytes() throws {
        let path = "\(directory)/x.log"
        let file = RotatingLogFile(path: path, maxBytes: 10, backups: 2)
        try file.create()
        let reports = record(file)
        file.write("0123456789abc")
        file.write("defghijklmnop")
        XCTAssertEqual(contents("\(path).2"), "0123456789")
        XCTAssertEqual(contents("\(path).1"), "abcdefghij")
        XCTAssertEqual(contents(path), "klmnop")
        XCTAssertEqual(reports(), [])
    }

    func testSplicesStopAtMaxBytesAndWritesStillAppend() throws {
        let path = "\(directory)/x.log"
        let file = RotatingLogFile(path: path, maxBytes: 10, backups: 3)
        try file.create(holdOpen: false)
        let reports = record(file)
        var ends: [Int32] = [-1, -1]
        XCTAssertEqual(pipe(&ends), 0)
        defer { close(ends[0]) }
        _ = fcntl(ends[0], F_SETFL, O_NONBLOCK)
        let put = { (text: String) in _ = text.withCString { Glibc.write(ends[1], $0, strlen($0)) } }
        put("0123")
        XCTAssertEqual(file.splice(from: ends[0], limit: 100), .declined, "not open: the first output is written")
        file.write("abc")
        XCTAssertEqual(file.splice(from: ends[0], limit: 2), .moved(2))
        put("456789ABCDEFGHIJ")
        // At most what is left before maxbytes: 5 bytes, then a full file, then the rest.
        XCTAssertEqual(file.splice(from: ends[0], limit: 100), .moved(5))
        XCTAssertEqual(file.splice(from: ends[0], limit: 100), .moved(10))
        XCTAssertEqual(file.splice(from: ends[0], limit: 100), .moved(3))
        XCTAssertEqual(file.splice(from: ends[0], limit: 100), .empty)
        // Written again after splices: appended, not written over.
        file.write("xy")
        let token = file.addObserver { _ in }
        put("z")
        XCTAssertEqual(file.splice(from: ends[0], limit: 100), .declined, "a live reader must see the bytes")
        file.removeObserver(token)
        XCTAssertEqual(file.splice(from: ends[0], limit: 100), .moved(1))
        close(ends[1])
        XCTAssertEqual(file.splice(from: ends[0], limit: 100), .closed)
        XCTAssertEqual(contents("\(path).2"), "abc0123456")
        XCTAssertEqual(contents("\(path).1"), "789ABCDEFG")
        XCTAssertEqual(contents(path), "HIJxyz")
        XCTAssertEqual(reports(), [])
    }

    func testWrittenLinesAreNeverSplitAcrossFiles() throws {
        let path = "\(directory)/x.log"
        let file = RotatingLogFile(path: path, maxBytes: 10, backups: 3)
        try file.create()
        let writeLines = { (text: String) in file.writeLines(ByteBuffer(string: text)) }
        writeLines("aaa\nbbb\nccc\n")
        writeLines("dd")
        writeLines("ddddddd\neee\n")
        writeLines("0123456789abcdef\n")
        writeLines("z\n")
        XCTAssertNil(contents("\(path).4"))
        XCTAssertEqual(contents("\(path).3"), "ccc\nddddddddd\n", "a line left open is finished in its file")
        XCTAssertEqual(contents("\(path).2"), "eee\n", "rolled over before the line that would not fit")
        XCTAssertEqual(contents("\(path).1"), "0123456789abcdef\n", "a line longer than a file has one of its own")
        XCTAssertEqual(contents(path), "z\n")
    }

    func testAFileThatCannotBeOpenedIsReportedOnceAndRetriedAtEachWrite() throws {
        let path = "\(directory)/missing/x.log"
        let file = RotatingLogFile(path: path, maxBytes: 0, backups: 0)
        let reports = record(file)
        XCTAssertThrowsError(try file.create(holdOpen: false))
        file.write("lost 1\n")
        file.write("lost 2\n")
        XCTAssertEqual(reports(), ["could not open \(path): ENOENT (No such file or directory)"])

        XCTAssertEqual(mkdir("\(directory)/missing", 0o755), 0)
        file.write("kept\n")
        file.write("kept too\n")
        XCTAssertEqual(contents(path), "kept\nkept too\n")
        XCTAssertEqual(reports(), ["could not open \(path): ENOENT (No such file or directory)", "resumed"])
    }

    func testAFullDeviceIsReportedOnce() throws {
        let file = RotatingLogFile(path: "/dev/full", maxBytes: 10, backups: 1)
        let reports = record(file)
        try file.create()
        for _ in 0..<5 { file.write("more than ten bytes\n") }
        XCTAssertEqual(reports(), ["could not write to /dev/full: ENOSPC (No space left on device)"])
    }

    func testAFileThatCannotBeRotatedIsEmptiedAndReportedOnce() throws {
        let path = "\(directory)/x.log"
        // A non-empty directory where the first backup goes: the file cannot be renamed there.
        XCTAssertEqual(mkdir("\(path).1", 0o755), 0)
        XCTAssertEqual(mkdir("\(path).1/occupied", 0o755), 0)
        let file = RotatingLogFile(path: path, maxBytes: 4, backups: 1)
        let reports = record(file)
        try file.create()
        file.write("abcdefghij")
        XCTAssertEqual(contents(path), "ij", "the file starts over, within the limit")
        XCTAssertEqual(reports().count, 1)
        XCTAssertTrue(reports()[0].hasPrefix("could not rotate \(path): "), reports()[0])

        rmdir("\(path).1/occupied")
        rmdir("\(path).1")
        file.write("kl")
        XCTAssertEqual(contents("\(path).1"), "ijkl")
        XCTAssertEqual(contents(path), "")
        XCTAssertEqual(reports().count, 2)
        XCTAssertEqual(reports().last, "resumed")
    }

    func testObserversSeeEveryWrite() throws {
        let file = RotatingLogFile(path: "\(directory)/x.log", maxBytes: 0, backups: 0)
        try file.create()
        let seen = Reports()
        let token = file.addObserver { seen.lines.append(String(decoding: $0, as: UTF8.self)) }
        file.write("one")
        file.removeObserver(token)
        file.write("two")
        XCTAssertEqual(seen.lines, ["one"])
    }
}
