import XCTest

@testable import SupervisorCore

final class ListenerProtocolTests: XCTestCase {
    private func feed(_ parser: inout ListenerProtocol, _ text: String) -> [ListenerProtocol.Outcome] {
        Array(text.utf8).withUnsafeBytes { parser.feed($0) }
    }

    /// A listener that said READY and was sent an event.
    private func busyParser() -> ListenerProtocol {
        var parser = ListenerProtocol()
        XCTAssertEqual(feed(&parser, "READY\n"), [.ready])
        parser.sent()
        return parser
    }

    func testStartsAcknowledgedAndBecomesReadyOnReady() {
        var parser = ListenerProtocol()
        XCTAssertEqual(parser.state, .acknowledged)
        XCTAssertEqual(feed(&parser, "READY\n"), [.ready])
        XCTAssertEqual(parser.state, .ready)
    }

    func testReadySplitAcrossReadsWaitsForTheWholeToken() {
        var parser = ListenerProtocol()
        XCTAssertEqual(feed(&parser, "REA"), [])
        XCTAssertEqual(parser.state, .acknowledged)
        XCTAssertEqual(feed(&parser, "DY"), [])
        XCTAssertEqual(feed(&parser, "\n"), [.ready])
    }

    func testAnythingButReadyWhileAcknowledgedIsGarbageForGood() {
        var parser = ListenerProtocol()
        XCTAssertEqual(feed(&parser, "hello!"), [.garbage])
        XCTAssertEqual(parser.state, .unknown)
        XCTAssertEqual(feed(&parser, "READY\n"), [], "UNKNOWN is final")
        XCTAssertEqual(parser.state, .unknown)
    }

    func testLowercaseReadyIsGarbage() {
        var parser = ListenerProtocol()
        XCTAssertEqual(feed(&parser, "ready\n"), [.garbage])
    }

    func testOutputWhileReadyIsGarbage() {
        var parser = ListenerProtocol()
        XCTAssertEqual(feed(&parser, "READY\nX"), [.ready, .garbage])
        XCTAssertEqual(parser.state, .unknown)
    }

    func testResultInOneRead() {
        var parser = busyParser()
        XCTAssertEqual(parser.state, .busy)
        XCTAssertEqual(feed(&parser, "RESULT 2\nOK"), [.result(Array("OK".utf8))])
        XCTAssertEqual(parser.state, .acknowledged)
    }

    func testResultAndNextReadyInOneRead() {
        var parser = busyParser()
        XCTAssertEqual(feed(&parser, "RESULT 4\nFAILREADY\n"), [.result(Array("FAIL".utf8)), .ready])
        XCTAssertEqual(parser.state, .ready)
    }

    func testResultLineAndBodySplitAcrossReads() {
        var parser = busyParser()
        XCTAssertEqual(feed(&parser, "RESUL"), [])
        XCTAssertEqual(feed(&parser, "T 5"), [])
        XCTAssertEqual(feed(&parser, "\nab"), [])
        XCTAssertEqual(parser.state, .busy)
        XCTAssertEqual(feed(&parser, "c\nd"), [.result(Array("abc\nd".utf8))])
    }

    func testZeroLengthResultCompletesAtOnce() {
        var parser = busyParser()
        XCTAssertEqual(feed(&parser, "RESULT 0\n"), [.result([])])
        XCTAssertEqual(parser.state, .acknowledged)
    }

    func testResultLengthToleratesSurroundingWhitespaceAndCarriageReturn() {
        var parser = busyParser()
        XCTAssertEqual(feed(&parser, "RESULT  2 \r\nOK"), [.result(Array("OK".utf8))])
    }

    func testNonNumericResultLengthIsABadResultLine() {
        var parser = busyParser()
        XCTAssertEqual(feed(&parser, "RESULT two\nOK"), [.badResultLine("RESULT two")])
        XCTAssertEqual(parser.state, .unknown)
    }

    func testNegativeResultLengthIsABadResultLine() {
        var parser = busyParser()
        XCTAssertEqual(feed(&parser, "RESULT -1\n"), [.badResultLine("RESULT -1")])
    }

    func testTheResultTokenIsSkippedByLengthUnchecked() {
        // The reference drops the first seven bytes of the line whatever they are, so a
        // bare length is a bad line (its digits are dropped) and a misspelt token is not.
        var bare = busyParser()
        XCTAssertEqual(feed(&bare, "2\nOK"), [.badResultLine("2")])

        var misspelt = busyParser()
        XCTAssertEqual(feed(&misspelt, "RESULX 2\nOK"), [.result(Array("OK".utf8))])
    }

    func testResetStartsOverAfterUnknown() {
        var parser = ListenerProtocol()
        _ = feed(&parser, "junk!!")
        XCTAssertEqual(parser.state, .unknown)
        parser.reset()
        XCTAssertEqual(parser.state, .acknowledged)
        XCTAssertEqual(feed(&parser, "READY\n"), [.ready])
    }

    func testResetDropsAPartialResult() {
        var parser = busyParser()
        XCTAssertEqual(feed(&parser, "RESULT 10\nabc"), [])
        parser.reset()
        XCTAssertEqual(feed(&parser, "READY\n"), [.ready])
    }

    func testEmptyInputChangesNothing() {
        var parser = ListenerProtocol()
        XCTAssertEqual(feed(&parser, ""), [])
        XCTAssertEqual(parser.state, .acknowledged)
    }

    func testStateNamesAndNumbersAreTheReferences() {
        XCTAssertEqual([ListenerState.ready, .busy, .acknowledged, .unknown].map(\.name),
                       ["READY", "BUSY", "ACKNOWLEDGED", "UNKNOWN"])
        XCTAssertEqual([ListenerState.ready, .busy, .acknowledged, .unknown].map(\.rawValue), [10, 20, 30, 40])
    }
}
