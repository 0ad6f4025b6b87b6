import SupervisorCommon
import XCTest

@testable import SupervisorAPI

final class LiveEventsTests: XCTestCase {
    func testRingBufferKeepsTheNewest() {
        var buffer = RingBuffer<Int>(capacity: 3)
        XCTAssertNil(buffer.first)
        for n in 1...5 { buffer.append(n) }
        XCTAssertEqual(buffer.elements, [3, 4, 5])
        XCTAssertEqual(buffer.first, 3)
        XCTAssertEqual(buffer.last, 5)
        buffer.removeOldest { $0 < 5 }
        XCTAssertEqual(buffer.elements, [5])
        buffer.append(6)
        XCTAssertEqual(buffer.elements, [5, 6])
    }

    func testLogLinesAreCutAtNewlines() {
        var splitter = LogLineSplitter()
        func lines(_ text: String) -> [String] {
            Array(text.utf8).withUnsafeBytes { splitter.lines($0) }.map { String(decoding: $0, as: UTF8.self) }
        }
        XCTAssertEqual(lines("a\nb"), ["a"])
        XCTAssertEqual(lines("c\n\nd\n"), ["bc", "", "d"])
        let long = String(repeating: "x", count: LogLineSplitter.maxHeld + 1)
        XCTAssertEqual(lines(long), [long], "a line that never ends is given as it is")
    }

    func testServerSentEventFraming() {
        XCTAssertEqual(ServerSentEvent.message("state", "{}", id: 3), "id: 3\nevent: state\ndata: {}\n\n")
        XCTAssertEqual(ServerSentEvent.message("log", "{}"), "event: log\ndata: {}\n\n")
    }

    func testTheHistoryIsThinnedEvenlyKeepingTheNewest() {
        XCTAssertEqual(ResourceReport.evenlySpaced(Array(1...5), count: 120), Array(1...5))
        XCTAssertEqual(ResourceReport.evenlySpaced(Array(1...300), count: 120).count, 120)
        XCTAssertEqual(ResourceReport.evenlySpaced(Array(1...300), count: 120).last, 300)
        XCTAssertEqual(ResourceReport.evenlySpaced(Array(1...12), count: 4), [3, 6, 9, 12])
        XCTAssertEqual(ResourceReport.evenlySpaced(Array(1...10), count: 4), [2, 5, 7, 10])
    }
}
