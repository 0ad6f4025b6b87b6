import XCTest

@testable import SupervisorCore

final class NotifyMessageTests: XCTestCase {
    private func parse(_ text: String) -> NotifyMessage {
        NotifyMessage(datagram: Array(text.utf8))
    }

    func testTheKeysTheSupervisorActsOn() {
        XCTAssertEqual(parse("READY=1\nSTATUS=Processing requests\nWATCHDOG=1\n"),
                       NotifyMessage(ready: true, status: "Processing requests", watchdog: true))
    }

    func testOtherValuesKeysAndLinesWithoutEqualsAreIgnored() {
        XCTAssertEqual(parse("READY=0\nMAINPID=42\nWATCHDOG=trigger\nnonsense\n\n"), NotifyMessage())
    }

    func testTheStatusKeepsEverythingAfterTheFirstEqualsAndTheLastOneWins() {
        XCTAssertEqual(parse("STATUS=first\nSTATUS=a=b"), NotifyMessage(status: "a=b"))
        XCTAssertEqual(parse("STATUS="), NotifyMessage(status: ""))
    }
}
