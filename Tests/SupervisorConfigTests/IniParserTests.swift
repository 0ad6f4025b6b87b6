import XCTest
@testable import SupervisorConfig

final class IniParserTests: XCTestCase {
    private func parse(_ text: String) throws -> IniDocument {
        var document = IniDocument()
        try document.read(text: text, file: "t.conf")
        return document
    }

    private func value(_ document: IniDocument, _ section: String, _ key: String) -> String? {
        document.entry(section, key)?.value
    }

    func testKeysAndValues() throws {
        let document = try parse("[Sec]\nKey = v1\nother: v2\nempty=\nspaced  =  a b  \nurl=http://x:1/y=z\n")
        XCTAssertEqual(document.sectionNames, ["Sec"])
        XCTAssertEqual(value(document, "Sec", "key"), "v1")
        XCTAssertEqual(value(document, "Sec", "other"), "v2")
        XCTAssertEqual(value(document, "Sec", "empty"), "")
        XCTAssertEqual(value(document, "Sec", "spaced"), "a b")
        XCTAssertEqual(value(document, "Sec", "url"), "http://x:1/y=z")
        XCTAssertNil(document["sec"], "section names are case-sensitive")
        XCTAssertEqual(document["Sec"]?["url"]?.line, 6)
    }

    func testComments() throws {
        let document = try parse("; top\n# top\n[s]\na=1 ;c\nb=1;2\nc=x #c\nd=x#y\n  ; indented comment\ne=a#b #c ;d\n")
        XCTAssertEqual(value(document, "s", "a"), "1")
        XCTAssertEqual(value(document, "s", "b"), "1;2")
        XCTAssertEqual(value(document, "s", "c"), "x")
        XCTAssertEqual(value(document, "s", "d"), "x#y")
        // The reference's search settles on the first marker it qualifies in one round.
        XCTAssertEqual(value(document, "s", "e"), "a#b #c")
    }

    func testContinuationLines() throws {
        let document = try parse("[s]\na=1\n  2\n\n  3\n; comment\n  4\n\nb=x\n    y\n\n\n")
        XCTAssertEqual(value(document, "s", "a"), "1\n2\n\n3\n4")
        XCTAssertEqual(value(document, "s", "b"), "x\ny")
    }

    func testIndentedKeyContinuesTheIndentationLevel() throws {
        let document = try parse("[s]\n  a=1\n  b=2\n    more\n")
        XCTAssertEqual(value(document, "s", "a"), "1")
        XCTAssertEqual(value(document, "s", "b"), "2\nmore")
    }

    func testRepeatedSectionsMergeAndRepeatedKeysReplace() throws {
        let document = try parse("[s]\na=1\nb=1\n[t]\n[s]\na=2\n")
        XCTAssertEqual(document.sectionNames, ["s", "t"])
        XCTAssertEqual(value(document, "s", "a"), "2")
        XCTAssertEqual(document["s"]?.entries.map(\.key), ["a", "b"])
        XCTAssertEqual(document.duplicateKeyWarnings.count, 1)
    }

    func testDefaultSection() throws {
        let document = try parse("[DEFAULT]\nx=1\n[s]\ny=2\n")
        XCTAssertEqual(document.sectionNames, ["s"])
        XCTAssertEqual(value(document, "s", "x"), "1")
        XCTAssertEqual(document.keys(of: "s"), ["y", "x"])
    }

    func testHeaders() throws {
        XCTAssertEqual(try parse("[a] ;c\n[b]junk\n[c]]\n").sectionNames, ["a", "b", "c]"])
    }

    func testSyntaxErrorsAreCollectedPerFile() {
        XCTAssertThrowsError(try parse("[s]\na=1\ngarbage\n  cont\nmore\n[]\n=x")) { error in
            let error = error as? ConfigError
            XCTAssertEqual(error?.message, "Source contains parsing errors: 't.conf'\n\t[line  3]: 'garbage\\n'"
                               + "\n\t[line  5]: 'more\\n'\n\t[line  6]: '[]\\n'\n\t[line  7]: '=x'")
            XCTAssertEqual(error?.line, 3)
        }
        XCTAssertThrowsError(try parse("\n a=1\n[s]\n")) { error in
            XCTAssertEqual((error as? ConfigError)?.message,
                           "File contains no section headers.\nfile: 't.conf', line: 2\n' a=1\\n'")
        }
    }

    func testLineEndings() throws {
        let document = try parse("[s]\r\na=1\r\nb=2\rc=3")
        XCTAssertEqual(value(document, "s", "a"), "1")
        XCTAssertEqual(value(document, "s", "b"), "2")
        XCTAssertEqual(value(document, "s", "c"), "3")
    }

    func testLinesAreCountedAcrossEveryKindOfEnding() throws {
        let document = try parse("[s]\r\r\na=1\r\rb=2\n\nc=3\r")
        XCTAssertEqual(document["s"]?["a"]?.line, 3)
        XCTAssertEqual(document["s"]?["b"]?.line, 5)
        XCTAssertEqual(document["s"]?["c"]?.line, 7)
    }

    func testWhitespaceBeyondASCII() throws {
        // U+3000 (ideographic space) and U+00A0 are whitespace: they indent, trim and open inline comments.
        let document = try parse("[s]\na=1\u{3000};c\n\u{3000}more\nb=\u{00A0}x\u{00A0}\nc=é;d\n")
        XCTAssertEqual(value(document, "s", "a"), "1\nmore")
        XCTAssertEqual(value(document, "s", "b"), "x")
        XCTAssertEqual(value(document, "s", "c"), "é;d")
    }

    func testQuotedBadLinesKeepTheirText() {
        XCTAssertThrowsError(try parse("[s]\nstray ünïcode\r\nlast")) { error in
            XCTAssertEqual((error as? ConfigError)?.message, "Source contains parsing errors: 't.conf'"
                               + "\n\t[line  2]: 'stray ünïcode\\n'\n\t[line  3]: 'last'")
        }
    }

    func testLongCommentsAreSkippedWithoutCopies() throws {
        // 20 MB of comment: a parser that copies each line into characters takes seconds here.
        let comment = String(repeating: "x", count: 20_000_000)
        let started = ContinuousClock.now
        let document = try parse("[s]\n#\(comment)\na=1 ;\(comment)\n")
        XCTAssertEqual(value(document, "s", "a"), "1")
        XCTAssertLessThan(ContinuousClock.now - started, .seconds(2))
    }
}
