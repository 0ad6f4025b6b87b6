import Glibc
import NIOCore
import NIOPosix
import XCTest

@testable import SupervisorCore

/// The thread that writes formatted child logs: order, `flush`, failures told once each way on
/// the loop, and what happens once it is stopped.
final class LogWriterTests: XCTestCase {
    private let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    private let directory = LogDirectory()

    override func tearDownWithError() throws {
        try group.syncShutdownGracefully()
    }

    /// What a reporter was told, in order, read on the loop.
    private final class Reports: Sendable {
        let told: NIOLoopBound<Box<[Int32?]>>
        let reporter: LogWriter.Reporter

        init(writer: LogWriter, loop: EventLoop) throws {
            let told = try loop.submit { NIOLoopBound(Box<[Int32?]>([]), eventLoop: loop) }.wait()
            self.told = told
            // A reporter is made on the loop, where its handler runs.
            reporter = try loop.submit { writer.reporter { told.value.value.append($0) } }.wait()
        }

        func seen(on loop: EventLoop) throws -> [Int32?] {
            try loop.submit { self.told.value.value }.wait()
        }
    }

    private func open(_ name: String) -> Int32 {
        Glibc.open(directory.file(name), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
    }

    func testBuffersAreWrittenInOrderAndAreInTheFileAfterFlush() throws {
        let loop = group.next()
        let writer = LogWriter(eventLoop: loop)
        let reports = try Reports(writer: writer, loop: loop)
        let fd = open("x.log")
        defer { close(fd) }
        var expected = ""
        for index in 0..<200 {
            let line = "line \(index) " + String(repeating: "x", count: index * 37 % 5000) + "\n"
            expected += line
            XCTAssertTrue(writer.enqueue(ByteBuffer(string: line), to: fd, reporter: reports.reporter))
        }
        writer.flush()
        XCTAssertEqual(directory.text("x.log"), expected)
        writer.stop()
        XCTAssertEqual(try reports.seen(on: loop), [], "nothing failed")
    }

    func testAFailingFileIsToldOnceAndAgainWhenItWorks() throws {
        let loop = group.next()
        let writer = LogWriter(eventLoop: loop)
        let reports = try Reports(writer: writer, loop: loop)
        let readOnly = Glibc.open("/dev/null", O_RDONLY | O_CLOEXEC)
        let fd = open("x.log")
        defer {
            close(readOnly)
            close(fd)
        }
        for _ in 0..<5 { XCTAssertTrue(writer.enqueue(ByteBuffer(string: "lost\n"), to: readOnly, reporter: reports.reporter)) }
        XCTAssertTrue(writer.enqueue(ByteBuffer(string: "kept\n"), to: fd, reporter: reports.reporter))
        XCTAssertTrue(writer.enqueue(ByteBuffer(string: "kept too\n"), to: fd, reporter: reports.reporter))
        writer.stop()
        XCTAssertEqual(directory.text("x.log"), "kept\nkept too\n")
        // Posted to the loop before stop() returned: a task submitted now runs after them.
        XCTAssertEqual(try reports.seen(on: loop), [EBADF, nil])
    }

    func testStopWritesWhatIsQueuedAndLaterBuffersAreDeclined() throws {
        let loop = group.next()
        let writer = LogWriter(eventLoop: loop)
        let reports = try Reports(writer: writer, loop: loop)
        let fd = open("x.log")
        defer { close(fd) }
        for index in 0..<50 { XCTAssertTrue(writer.enqueue(ByteBuffer(string: "\(index)\n"), to: fd, reporter: reports.reporter)) }
        writer.stop()
        XCTAssertEqual(directory.text("x.log"), (0..<50).map { "\($0)\n" }.joined())
        XCTAssertFalse(writer.enqueue(ByteBuffer(string: "late\n"), to: fd, reporter: reports.reporter))
        writer.flush()
        XCTAssertEqual(directory.text("x.log")?.hasSuffix("49\n"), true)
    }

    func testWrittenBuffersComeBackEmptyForReuse() throws {
        let loop = group.next()
        let writer = LogWriter(eventLoop: loop)
        let reports = try Reports(writer: writer, loop: loop)
        let fd = open("x.log")
        defer { close(fd) }
        XCTAssertEqual(writer.spareBuffer().capacity, 0, "none written yet")
        var buffer = ByteBuffer()
        buffer.reserveCapacity(100_000)
        buffer.writeString("reused\n")
        XCTAssertTrue(writer.enqueue(buffer, to: fd, reporter: reports.reporter))
        buffer = ByteBuffer()
        writer.flush()
        let spare = writer.spareBuffer()
        XCTAssertEqual(spare.readableBytes, 0)
        XCTAssertGreaterThanOrEqual(spare.capacity, 100_000, "the written buffer's storage")
        writer.stop()
        XCTAssertEqual(directory.text("x.log"), "reused\n")
    }
}
