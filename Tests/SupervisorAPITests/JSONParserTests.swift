import XCTest

import SupervisorCommon
@testable import SupervisorAPI

/// The JSON API's request-body parser: what RFC 8259 allows, refused otherwise with a
/// one-line message, and never a crash on arbitrary bytes.
final class JSONParserTests: XCTestCase {
    private func parse(_ text: String) throws -> JSONValue {
        try JSONParser.parse(Array(text.utf8))
    }

    private func failure(_ bytes: [UInt8]) -> String? {
        do {
            _ = try JSONParser.parse(bytes)
            return nil
        } catch {
            return error.message
        }
    }

    func testValues() throws {
        XCTAssertEqual(try parse(#" {"signal": "HUP", "n": [1, -2.5e3, 0, true, false, null]} "#),
                       .object(["signal": .string("HUP"), "n": .array([.number(1), .number(-2500), .number(0), .bool(true), .bool(false), .null])]))
        XCTAssertEqual(try parse(#""a\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00""#), .string("a\"\\/\u{8}\u{c}\n\r\té😀"))
        XCTAssertEqual(try parse("{}"), .object([:]))
        XCTAssertEqual(try parse("[]"), .array([]))
        XCTAssertEqual(try parse("\"é\""), .string("é"))
        XCTAssertEqual(try parse("0.5"), .number(0.5))
    }

    func testRefusalsSayWhatAndWhere() {
        let cases: [(String, String)] = [
            ("", "unexpected end of input, expected a value at byte 0"),
            ("{", "unexpected end of input, expected a member name at byte 1"),
            (#"{"a":1,}"#, "unexpected '}', expected a member name at byte 7"),
            ("[1,]", "unexpected ']', expected a value at byte 3"),
            (#"{"a":1}x"#, "unexpected 'x' after the value at byte 7"),
            (#"{"a":1,"a":2}"#, #"repeated member "a" at byte 7"#),
            ("01", "a number may not start with 0 at byte 1"),
            ("1.", "expected a digit after the decimal point at byte 2"),
            ("1e", "expected a digit in the exponent at byte 2"),
            ("-", "expected a digit at byte 1"),
            ("1e999", "number out of range at byte 0"),
            ("tru", "unexpected 't', expected a value at byte 0"),
            ("\"a", "unterminated string starting at byte 0"),
            ("\"\t\"", "control character in a string (escape it) at byte 1"),
            (#""\x""#, #"invalid escape \'x' at byte 2"#),
            (#""\u12""#, "expected 4 hex digits after \\u at byte 5"),
            (#""\ud800""#, "unpaired surrogate escape at byte 7"),
            (#""\udc00""#, "unpaired surrogate escape at byte 7"),
            ("// x\n1", "unexpected '/', expected a value at byte 0"),
            (String(repeating: "[", count: 100), "nested more than 64 deep at byte 64"),
        ]
        for (text, message) in cases {
            XCTAssertEqual(failure(Array(text.utf8)), message, text)
        }
        XCTAssertEqual(failure([0x22, 0xFF, 0x22]), "string starting at byte 0 is not UTF-8")
        XCTAssertEqual(failure([0x00]), "unexpected byte 0x0, expected a value at byte 0")
    }

    /// Random bytes and random damage to valid bodies: every input is parsed or refused
    /// with a one-line message (a crash or a hang fails the whole run).
    func testFuzzNeverCrashes() {
        var generator = SplitMix64(seed: 18)
        let seeds = [#"{"signal": "HUP"}"#, #"{"data": "line\n\u00e9\ud83d\ude00"}"#, #"[1, 2.5e-3, {"a": [true, null]}]"#]
        let alphabet = Array(#"{}[],:"\/ubfnrt0123456789.eE+-ae \#t\#n"#.utf8) + [0x00, 0x80, 0xC3, 0xE2, 0xF0, 0xFF]
        var parsed = 0
        for round in 0..<20_000 {
            var bytes: [UInt8]
            if round % 2 == 0 {
                bytes = Array(seeds[round % seeds.count].utf8)
                for _ in 0...Int(generator.next() % 4) {
                    let at = Int(generator.next() % UInt64(bytes.count + 1))
                    let byte = alphabet[Int(generator.next() % UInt64(alphabet.count))]
                    switch generator.next() % 3 {
                    case 0: bytes.insert(byte, at: at)
                    case 1: if at < bytes.count { bytes.remove(at: at) }
                    default: if at < bytes.count { bytes[at] = byte }
                    }
                }
            } else {
                bytes = (0..<Int(generator.next() % 24)).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
            }
            if let message = failure(bytes) {
                XCTAssertFalse(message.contains("\n"), message)
                XCTAssertFalse(message.isEmpty)
            } else {
                parsed += 1
            }
        }
        XCTAssertGreaterThan(parsed, 0)
    }

    /// What the writer writes, the parser reads back: strings of any bytes (invalid UTF-8
    /// as U+FFFD), numbers, nesting.
    func testWriterOutputParses() throws {
        var generator = SplitMix64(seed: 7)
        for _ in 0..<2_000 {
            let raw = (0..<Int(generator.next() % 40)).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            var json = JSONWriter()
            json.beginObject()
            json.key("data")
            json.value(bytes: raw)
            json.member("n", Int(truncatingIfNeeded: generator.next()))
            json.key("x")
            json.value(Double(generator.next() % 1_000_000) / 7)
            json.member("list", strings: ["a", "\u{2028}", "\"\\"])
            json.endObject()
            let value = try JSONParser.parse(json.bytes)
            guard case .object(let members) = value, case .string(let data) = members["data"] else {
                return XCTFail("not an object with data: \(value)")
            }
            XCTAssertEqual(data, String(decoding: raw, as: UTF8.self))
            XCTAssertEqual(members["list"], .array([.string("a"), .string("\u{2028}"), .string("\"\\")]))
        }
    }

    /// Members keep the order they are written in; indented, each member and element is on
    /// a line of its own and an empty container stays `[]` / `{}`, as Python's
    /// `json.dumps(indent=2)` writes them, so docs/openapi.json reads as usual.
    func testOrderedValuesCompactAndIndented() {
        let value: OrderedJSONValue = ["z": [1, true], "a": ["k\"": "v"], "e": [], "o": [:]]
        var compact = JSONWriter()
        value.write(to: &compact)
        XCTAssertEqual(String(decoding: compact.bytes, as: UTF8.self), #"{"z":[1,true],"a":{"k\"":"v"},"e":[],"o":{}}"#)
        var indented = JSONWriter(indentWidth: 2)
        value.write(to: &indented)
        XCTAssertEqual(String(decoding: indented.bytes, as: UTF8.self), """
            {
              "z": [
                1,
                true
              ],
              "a": {
                "k\\"": "v"
              },
              "e": [],
              "o": {}
            }
            """)
    }

    func testTheOpenAPIDocumentIsJSON() throws {
        guard case .object(let document) = try JSONParser.parse(Array(OpenAPIDocument.bytes.readableBytesView)) else {
            return XCTFail("not an object")
        }
        XCTAssertEqual(document["openapi"], .string("3.1.0"))
    }

    func testACharacterCutAtTheEndIsLeftForTheNextRead() {
        let text = Array("aé😀".utf8)  // 1 + 2 + 4 bytes
        XCTAssertEqual(ProcessLogSlice.wholeCharacters(text), 7)
        XCTAssertEqual(ProcessLogSlice.wholeCharacters(Array(text[..<6])), 3)
        XCTAssertEqual(ProcessLogSlice.wholeCharacters(Array(text[..<2])), 1)
        XCTAssertEqual(ProcessLogSlice.wholeCharacters([0xC3]), 1)
        XCTAssertEqual(ProcessLogSlice.wholeCharacters([]), 0)
    }
}

/// A small deterministic generator, so a failure can be replayed.
struct SplitMix64 {
    var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
