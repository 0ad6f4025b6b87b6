import XCTest

@testable import supervisorctl

final class ServerSentEventsTests: XCTestCase {
    func testMessagesComeOutWhole() {
        var decoder = ServerSentEvents()
        XCTAssertEqual(decoder.feed(Array("retry: 2000\n\nid: 7\nevent: state\nda".utf8)), [])
        XCTAssertEqual(decoder.feed(Array("ta: {\"a\":1}\n\nevent: resources\r\ndata: x\r\ndata: y\r\n\r\n: comment\n\n".utf8)), [
            ServerSentEvents.Message(event: "state", data: "{\"a\":1}", id: "7"),
            ServerSentEvents.Message(event: "resources", data: "x\ny", id: nil),
        ])
    }
}
