import SupervisorCommon
import XCTest

final class JSONValueTests: XCTestCase {
    func testDocumentsOfEveryKind() throws {
        let value = try JSONValue.parse(#" {"a": [1, -2.5e2, true, false, null], "b": {"c": "d"}, "e": 0} "#)
        XCTAssertEqual(value["a"], .array([.number(1), .number(-250), .bool(true), .bool(false), .null]))
        XCTAssertEqual(value["b"]?["c"]?.string, "d")
        XCTAssertEqual(value["e"]?.number, 0)
        XCTAssertNil(value["missing"])
        XCTAssertEqual(try JSONValue.parse("[]"), .array([]))
        XCTAssertEqual(try JSONValue.parse("{}"), .object([:]))
    }

    func testStringEscapes() throws {
        XCTAssertEqual(try JSONValue.parse(#""a\"b\\c\/d\n\t\u00e9\ud83d\ude00 x""#).string, "a\"b\\c/d\n\té😀 x")
        XCTAssertEqual(try JSONValue.parse(#""\ud800""#).string, "\u{FFFD}")
        XCTAssertEqual(try JSONValue.parse("\"héllo\"").string, "héllo")
    }

    func testMalformedDocumentsSayWhere() {
        for (text, offset) in [("", 0), ("[1,]", 3), ("{\"a\" 1}", 5), ("01", 0), ("1.", 0), ("[1] x", 4),
                               ("\"a\u{1}\"", 2), ("\"abc", 4), ("tru", 0), ("\"\\x\"", 3), ("-", 0)] {
            XCTAssertThrowsError(try JSONValue.parse(text), text) { error in
                XCTAssertEqual((error as? JSONValue.ParseError)?.offset, offset, text)
            }
        }
    }

    func testDeepNestingIsAnErrorNotACrash() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        XCTAssertThrowsError(try JSONValue.parse(deep))
        XCTAssertNoThrow(try JSONValue.parse(String(repeating: "[", count: 100) + String(repeating: "]", count: 100)))
    }
}
