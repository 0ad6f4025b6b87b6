import XCTest

@testable import SupervisorCore

final class CaptureModeTests: XCTestCase {
    /// The pieces as text: "out:…" for ordinary output, "in:…" for bytes going into a
    /// capture, "cap:…" for a completed capture.
    private func split(_ mode: inout CaptureMode, _ text: String) -> [String] {
        Array(text.utf8).withUnsafeBytes { mode.split($0) }.map { piece in
            switch piece {
            case .output(let bytes): "out:" + String(decoding: bytes, as: UTF8.self)
            case .capturing(let bytes): "in:" + String(decoding: bytes, as: UTF8.self)
            case .captured(let bytes): "cap:" + String(decoding: bytes, as: UTF8.self)
            }
        }
    }

    func testActiveOnlyWithAPositiveLimit() {
        XCTAssertFalse(CaptureMode(maxBytes: 0).isActive)
        XCTAssertTrue(CaptureMode(maxBytes: 1).isActive)
    }

    func testOutputWithoutTokensPassesThrough() {
        var mode = CaptureMode(maxBytes: 100)
        XCTAssertEqual(split(&mode, "hello\n"), ["out:hello\n"])
    }

    func testEmptyInputGivesNothing() {
        var mode = CaptureMode(maxBytes: 100)
        XCTAssertEqual(split(&mode, ""), [])
    }

    func testACaptureBetweenOutput() {
        var mode = CaptureMode(maxBytes: 100)
        XCTAssertEqual(split(&mode, "before<!--XSUPERVISOR:BEGIN-->inside<!--XSUPERVISOR:END-->after"),
                       ["out:before", "in:inside", "cap:inside", "out:after"])
    }

    func testAnEmptyCaptureIsStillACapture() {
        var mode = CaptureMode(maxBytes: 100)
        XCTAssertEqual(split(&mode, "<!--XSUPERVISOR:BEGIN--><!--XSUPERVISOR:END-->"), ["cap:"])
    }

    func testTwoCapturesInOneRead() {
        var mode = CaptureMode(maxBytes: 100)
        let text = "<!--XSUPERVISOR:BEGIN-->a<!--XSUPERVISOR:END-->-<!--XSUPERVISOR:BEGIN-->b<!--XSUPERVISOR:END-->"
        XCTAssertEqual(split(&mode, text), ["in:a", "cap:a", "out:-", "in:b", "cap:b"])
    }

    func testTokensSplitAcrossReadsAreFound() {
        var mode = CaptureMode(maxBytes: 100)
        XCTAssertEqual(split(&mode, "x<!--XSUPER"), ["out:x"], "a possible token start is held back")
        XCTAssertEqual(split(&mode, "VISOR:BEGIN-->in"), ["in:in"])
        XCTAssertEqual(split(&mode, "side<!--XSUPERVISOR:E"), ["in:side"])
        XCTAssertEqual(split(&mode, "ND-->y"), ["cap:inside", "out:y"])
    }

    func testAHeldBackPrefixThatIsNotATokenIsReleased() {
        var mode = CaptureMode(maxBytes: 100)
        XCTAssertEqual(split(&mode, "a<!--"), ["out:a"])
        XCTAssertEqual(split(&mode, "comment-->"), ["out:<!--comment-->"])
    }

    func testTheTokenByteByByte() {
        var mode = CaptureMode(maxBytes: 100)
        var pieces: [String] = []
        for byte in "<!--XSUPERVISOR:BEGIN-->z<!--XSUPERVISOR:END-->".utf8 {
            pieces += split(&mode, String(decoding: [byte], as: UTF8.self))
        }
        XCTAssertEqual(pieces, ["in:z", "cap:z"])
    }

    func testAnEndTokenOutsideACaptureIsOrdinaryOutput() {
        var mode = CaptureMode(maxBytes: 100)
        XCTAssertEqual(split(&mode, "<!--XSUPERVISOR:END-->"), ["out:<!--XSUPERVISOR:END-->"])
    }

    func testACaptureIsEchoedAsItComesAndSentWholeAtItsEnd() {
        var mode = CaptureMode(maxBytes: 100)
        XCTAssertEqual(split(&mode, "<!--XSUPERVISOR:BEGIN-->part one, "), ["in:part one, "])
        XCTAssertEqual(split(&mode, "part two"), ["in:part two"])
        XCTAssertEqual(split(&mode, "<!--XSUPERVISOR:END-->"), ["cap:part one, part two"])
    }

    func testACaptureKeepsItsLastMaxBytes() {
        var mode = CaptureMode(maxBytes: 4)
        XCTAssertEqual(split(&mode, "<!--XSUPERVISOR:BEGIN-->abcdef"), ["in:abcdef"])
        XCTAssertEqual(split(&mode, "gh<!--XSUPERVISOR:END-->"), ["in:gh", "cap:efgh"])
    }

    func testACaptureOfExactlyMaxBytesIsKeptWhole() {
        var mode = CaptureMode(maxBytes: 4)
        XCTAssertEqual(split(&mode, "<!--XSUPERVISOR:BEGIN-->abcd<!--XSUPERVISOR:END-->"), ["in:abcd", "cap:abcd"])
    }

    func testPartialTokenSuffix() {
        let token = CaptureMode.begin
        XCTAssertEqual(CaptureMode.partialTokenSuffix(Array("abc".utf8), token), 0)
        XCTAssertEqual(CaptureMode.partialTokenSuffix(Array("abc<".utf8), token), 1)
        XCTAssertEqual(CaptureMode.partialTokenSuffix(Array("abc<!--XSUPERVISOR:BEGIN--".utf8), token), token.count - 1)
        XCTAssertEqual(CaptureMode.partialTokenSuffix([], token), 0)
        // A whole token is not a partial one.
        XCTAssertEqual(CaptureMode.partialTokenSuffix(token, token), 0)
    }
}
