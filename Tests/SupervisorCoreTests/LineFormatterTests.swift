import Foundation
import NIOCore
import SupervisorCommon
import SupervisorConfig
import XCTest

@testable import SupervisorCore

final class LineFormatterTests: XCTestCase {
    private let time = 1_700_000_000.123
    private let later = 1_700_000_001.5
    private let source = LineFormatter.Source(program: "web", process: "web_1", group: "site", stream: .stderr)

    private func formatter(_ configure: (inout LogLineStyle) -> Void, colored: Bool = false,
                           holdsPartialLines: Bool = false) -> LineFormatter {
        var style = LogLineStyle()
        configure(&style)
        return LineFormatter(style: style, source: source, colored: colored, holdsPartialLines: holdsPartialLines)
    }

    private func format(_ lines: LineFormatter, _ text: String, at time: Double? = nil, pid: Int32 = 42) -> String {
        format(lines, Array(text.utf8), at: time, pid: pid)
    }

    private func format(_ lines: LineFormatter, _ bytes: [UInt8], at time: Double? = nil, pid: Int32 = 42) -> String {
        var out = ByteBuffer()
        bytes.withUnsafeBytes { lines.format($0, time: time ?? self.time, pid: pid, into: &out) }
        return String(buffer: out)
    }

    private func finish(_ lines: LineFormatter) -> String {
        var out = ByteBuffer()
        lines.finish(into: &out)
        return String(buffer: out)
    }

    private func localTime(_ seconds: Double, _ format: String) -> String {
        LocalTime.format(Int(seconds), format)
    }

    // MARK: - Text

    func testTimestampsGoBeforeEachLineAndAPartialLineGetsOne() {
        let lines = formatter { $0.timestamps = true }
        let stamp = localTime(time, "%Y-%m-%d %H:%M:%S") + ",123 "
        let stampLater = localTime(later, "%Y-%m-%d %H:%M:%S") + ",500 "
        XCTAssertEqual(format(lines, "one\ntw"), stamp + "one\n" + stamp + "tw")
        XCTAssertEqual(format(lines, "o\nthree\n", at: later), "o\n" + stampLater + "three\n")
        XCTAssertEqual(format(lines, "\n\n", at: later), stampLater + "\n" + stampLater + "\n")
        XCTAssertEqual(finish(lines), "", "text written as it came holds nothing back")
    }

    func testTimestampFormatsWithMillisecondsAndOffset() {
        var format = TimestampFormat("%H:%M:%S.%f|%f|%%f|%:z|%z|%%")
        var out: [UInt8] = []
        format.append(time, to: &out)
        format.append(time + 0.876, to: &out)
        var zone = Array(localTime(time, "%z").utf8)
        zone.insert(UInt8(ascii: ":"), at: 3)
        let clock = localTime(time, "%H:%M:%S")
        let rest = "|%f|\(String(decoding: zone, as: UTF8.self))|\(localTime(time, "%z"))|%"
        XCTAssertEqual(String(decoding: out, as: UTF8.self),
                       clock + ".123|123" + rest + clock + ".999|999" + rest)
        out = []
        format.append(1_700_000_002.004, to: &out)
        XCTAssertTrue(String(decoding: out, as: UTF8.self).hasPrefix(localTime(1_700_000_002, "%H:%M:%S") + ".004|004"))
    }

    func testThePrefixFollowsTheTimestampAndCanBeColoured() {
        let plain = formatter { $0.prefix = "web | " }
        XCTAssertEqual(format(plain, "a\nb"), "web | a\nweb | b")
        XCTAssertEqual(format(plain, "c\n"), "c\n")
        let stamped = formatter { $0.prefix = "web | "; $0.timestamps = true; $0.timestampFormat = "%f" }
        XCTAssertEqual(format(stamped, "a\n"), "123 web | a\n")
        let colour = LineFormatter.colorCode(of: "web_1")
        XCTAssertTrue((31...36).contains(colour))
        XCTAssertEqual(LineFormatter.colorCode(of: "web_1"), colour, "the same colour for a name every time")
        XCTAssertEqual(Set(["a", "b", "c", "d", "e", "f", "g", "h"].map(LineFormatter.colorCode)).count > 1, true)
        let coloured = formatter({ $0.prefix = "web | " }, colored: true)
        XCTAssertEqual(format(coloured, "a\n"), "\u{1b}[\(colour)mweb | \u{1b}[0ma\n")
    }

    func testHeldLinesAreWrittenWholeOrInPiecesOfLineMax() {
        let lines = formatter({ $0.prefix = "p "; $0.lineMax = 4 }, holdsPartialLines: true)
        XCTAssertEqual(format(lines, "ab"), "", "a partial line is held")
        XCTAssertEqual(format(lines, "c\nabcd\nx"), "p abc\np abcd\n", "a line of exactly lineMax is whole")
        XCTAssertEqual(format(lines, "yz12345"), "p xyz1", "pieces of lineMax bytes, one prefix")
        XCTAssertEqual(format(lines, "6\n"), "2345" + "6\n", "a full piece goes once the line has more")
        XCTAssertEqual(format(lines, "tail"), "")
        XCTAssertEqual(format(lines, "end"), "p tail")
        XCTAssertEqual(finish(lines), "end", "the output ended: the held bytes as they are")
        XCTAssertEqual(finish(lines), "")
    }

    func testAPieceEndsBeforeASplitCharacter() {
        let lines = formatter({ $0.prefix = "p "; $0.lineMax = 4 }, holdsPartialLines: true)
        XCTAssertEqual(format(lines, "ab€cd\n"), "p ab" + "€c" + "d\n", "€ is 3 bytes: not cut")
        XCTAssertEqual(LineFormatter.characterBoundary(Array("abc€".utf8).dropLast()), 3)
        XCTAssertEqual(LineFormatter.characterBoundary(Array("abc€".utf8)), 6)
        XCTAssertEqual(LineFormatter.characterBoundary([0x61, 0x80, 0x80, 0x80, 0x80]), 5, "invalid: not moved")
    }

    // MARK: - JSON

    private func objects(_ text: String) throws -> [[String: Any]] {
        XCTAssertTrue(text.isEmpty || text.hasSuffix("\n"), text)
        return try text.split(separator: "\n").map {
            try XCTUnwrap(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any], String($0))
        }
    }

    func testJSONLinesCarryTheFields() throws {
        let lines = formatter { $0.encoding = .json }
        let text = format(lines, "hello \"world\"\t\u{1}\\\nsecond", pid: 7)
        let parsed = try objects(text)
        XCTAssertEqual(parsed.count, 1, "the partial line is held")
        let object = parsed[0]
        XCTAssertEqual(object["message"] as? String, "hello \"world\"\t\u{1}\\")
        XCTAssertEqual(object["program"] as? String, "web")
        XCTAssertEqual(object["process"] as? String, "web_1")
        XCTAssertEqual(object["group"] as? String, "site")
        XCTAssertEqual(object["stream"] as? String, "stderr")
        XCTAssertEqual(object["pid"] as? Int, 7)
        XCTAssertNil(object["partial"])
        XCTAssertNil(object["message_base64"])
        var zone = Array(localTime(time, "%z").utf8)
        zone.insert(UInt8(ascii: ":"), at: 3)
        XCTAssertEqual(object["time"] as? String,
                       localTime(time, "%Y-%m-%dT%H:%M:%S") + ".123" + String(decoding: zone, as: UTF8.self))
        XCTAssertTrue(text.hasPrefix("{\"time\":"), "time first, as the fields are listed in the docs")
        let completed = try objects(format(lines, " line\n", at: later, pid: 8))
        XCTAssertEqual(completed.map { $0["message"] as? String }, ["second line"])
        XCTAssertEqual(completed.first?["pid"] as? Int, 7, "the process and time of the line's first byte")
        XCTAssertEqual(completed.first?["time"] as? String, object["time"] as? String)
        XCTAssertEqual(finish(lines), "")
    }

    func testALongLineBecomesPartialObjects() throws {
        let lines = formatter { $0.encoding = .json; $0.lineMax = 3 }
        let parsed = try objects(format(lines, "abcdefgh\nxyz\n") + format(lines, "12") + finish(lines))
        XCTAssertEqual(parsed.map { $0["message"] as? String }, ["abc", "def", "gh", "xyz", "12"])
        XCTAssertEqual(parsed.map { $0["partial"] as? Bool }, [true, true, nil, nil, nil],
                       "a piece whose line goes on is partial; a line's last piece, or a last line, is not")
        let split = try objects(format(lines, "abcdef") + format(lines, "\n") + format(lines, "ab") + finish(lines))
        XCTAssertEqual(split.map { $0["message"] as? String }, ["abc", "def", "ab"])
        XCTAssertEqual(split.map { $0["partial"] as? Bool }, [true, nil, nil],
                       "a piece of lineMax bytes waits for one more byte: its newline makes it the last piece")
    }

    func testInvalidUTF8IsReplacedAndKeptExactlyInBase64() throws {
        let lines = formatter { $0.encoding = .json }
        let bytes: [UInt8] = [0x61, 0xFF, 0xE2, 0x82, 0x62, 0xC3, 0xA9, 0xF0, 0x9F, 0x98, 0x80, 0xED, 0xA0, 0x80, 0x0A]
        let text = format(lines, bytes)
        let object = try XCTUnwrap(objects(text).first)
        XCTAssertEqual(object["message"] as? String, "a\u{FFFD}\u{FFFD}bé😀\u{FFFD}\u{FFFD}\u{FFFD}",
                       "one U+FFFD per maximal invalid sequence, as Python's errors=replace")
        XCTAssertEqual(Base64.decode(try XCTUnwrap(object["message_base64"] as? String).utf8), Array(bytes.dropLast()))
        XCTAssertTrue(text.contains("\"message_base64\""))
        let valid = try XCTUnwrap(objects(format(lines, "é\u{2028}\n")).first)
        XCTAssertEqual(valid["message"] as? String, "é\u{2028}")
        XCTAssertNil(valid["message_base64"], "valid UTF-8 has no base64 copy")
    }

    func testJSONEscapesWhatJSONAndJavaScriptNeed() {
        var out: [UInt8] = []
        let bytes = Array("\"\\\n\r\t\u{8}\u{1b}\u{7f}/é\u{2028}\u{2029}".utf8)
        XCTAssertTrue(bytes.withUnsafeBytes { JSONString.appendEscaped($0, to: &out) })
        XCTAssertEqual(String(decoding: out, as: UTF8.self), #"\"\\\n\r\t\u0008\u001b\#u{7f}/é\u2028\u2029"#)
        XCTAssertEqual(JSONString.quoted("a\"b"), #""a\"b""#)
        out = []
        XCTAssertFalse([UInt8]([0xC3]).withUnsafeBytes { JSONString.appendEscaped($0, to: &out) }, "truncated")
        XCTAssertEqual(out, [0xEF, 0xBF, 0xBD])
    }

    func testEscapingFindsWhatNeedsItAtEveryPlaceOfALongText() {
        let specials = [("\"", "\\\""), ("\\", "\\\\"), ("\u{1}", "\\u0001"), ("\u{1f}", "\\u001f"),
                        ("é", "é"), ("\u{7f}", "\u{7f}"), (" ", " "), ("~", "~")]
        // Texts of every length up to three words: the last bytes are looked at as a word too.
        for plain in (0...24).map({ String(String(repeating: "abcdefgh", count: 3).prefix($0)) }) {
            for (special, escaped) in specials {
                for position in 0...plain.count {
                    var text = plain
                    text.insert(contentsOf: special, at: text.index(text.startIndex, offsetBy: position))
                    var expected = plain
                    expected.insert(contentsOf: escaped, at: expected.index(expected.startIndex, offsetBy: position))
                    XCTAssertEqual(JSONString.quoted(text), "\"" + expected + "\"", "\(special) at \(position) of \(plain)")
                }
            }
        }
    }

    func testAPidOfZeroIsNull() throws {
        let lines = formatter { $0.encoding = .json }
        let text = format(lines, "after the exit\n", pid: 0)
        XCTAssertTrue(text.contains("\"pid\":null,"), text)
    }
}
