import XCTest

import SupervisorCommon

/// The escaping of bytes into JSON strings (JSON log lines, the event stream, the JSON API):
/// every special byte escaped wherever it falls in the 16-byte blocks the fast path scans, and
/// the result always a string the strict parser reads back as the input (or its repair).
final class JSONStringTests: XCTestCase {
    private func escaped(_ bytes: [UInt8]) -> (text: String, isUTF8: Bool) {
        var out: [UInt8] = []
        let isUTF8 = bytes.withUnsafeBytes { JSONString.appendEscaped($0, to: &out) }
        return (String(decoding: out, as: UTF8.self), isUTF8)
    }

    /// What the parser makes of the escaped bytes in quotes.
    private func roundTrip(_ bytes: [UInt8]) throws -> String? {
        var literal: [UInt8] = [UInt8(ascii: "\"")]
        bytes.withUnsafeBytes { _ = JSONString.appendEscaped($0, to: &literal) }
        literal.append(UInt8(ascii: "\""))
        return try JSONParser.parse(literal).string
    }

    func testPlainTextIsCopiedAsItIs() {
        for length in 0...70 {
            let text = String(repeating: "abcdefghij", count: 8).prefix(length)
            XCTAssertEqual(escaped(Array(text.utf8)).text, String(text))
        }
    }

    func testEachSpecialByteIsEscapedAtEveryPositionOfTheBlocks() throws {
        let specials: [(UInt8, String)] = [
            (0x22, "\\\""), (0x5C, "\\\\"), (0x0A, "\\n"), (0x0D, "\\r"), (0x09, "\\t"), (0x00, "\\u0000"),
            (0x1F, "\\u001f"), (0x01, "\\u0001"),
        ]
        for length in [1, 15, 16, 17, 31, 32, 33, 40] {
            for position in 0..<length {
                for (byte, escape) in specials {
                    var bytes = [UInt8](repeating: UInt8(ascii: "x"), count: length)
                    bytes[position] = byte
                    let expected = String(repeating: "x", count: position) + escape
                        + String(repeating: "x", count: length - position - 1)
                    XCTAssertEqual(escaped(bytes).text, expected, "byte \(byte) at \(position) of \(length)")
                    XCTAssertEqual(try roundTrip(bytes), String(decoding: bytes, as: UTF8.self))
                }
            }
        }
    }

    func testUTF8IsKeptAndTheJavaScriptSeparatorsAreEscaped() throws {
        let text = "naïve café — 日本語 🎉 end of a line long enough for two blocks"
        XCTAssertEqual(escaped(Array(text.utf8)).text, text)
        XCTAssertTrue(escaped(Array(text.utf8)).isUTF8)
        XCTAssertEqual(escaped(Array("a\u{2028}b\u{2029}c".utf8)).text, "a\\u2028b\\u2029c")
        XCTAssertEqual(try roundTrip(Array("a\u{2028}b".utf8)), "a\u{2028}b")
    }

    func testInvalidUTF8BecomesOneReplacementPerMaximalSequence() {
        // A lone continuation byte, a truncated 3-byte sequence, an overlong form, a surrogate,
        // and a lead byte cut off by the end.
        let bytes: [UInt8] = [0x61, 0x80, 0x62, 0xE2, 0x82, 0x63, 0xC0, 0xAF, 0x64, 0xED, 0xA0, 0x80, 0x65, 0xF0, 0x9F]
        let result = escaped(bytes)
        XCTAssertFalse(result.isUTF8)
        XCTAssertEqual(result.text, String(decoding: bytes, as: UTF8.self))
        XCTAssertEqual(result.text, "a\u{FFFD}b\u{FFFD}c\u{FFFD}\u{FFFD}d\u{FFFD}\u{FFFD}\u{FFFD}e\u{FFFD}")
    }

    func testTheCapacityBoundHoldsForTheWorstInput() {
        let controls = [UInt8](repeating: 0x01, count: 100)
        var out: [UInt8] = []
        controls.withUnsafeBytes { _ = JSONString.appendEscaped($0, to: &out) }
        XCTAssertEqual(out.count, JSONString.escapedCapacity(controls.count))
    }

    func testArbitraryBytesAlwaysParseBack() throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            let bytes = (0..<Int.random(in: 0...80, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            XCTAssertEqual(try roundTrip(bytes), String(decoding: bytes, as: UTF8.self), "\(bytes)")
        }
    }
}
