import XCTest

@testable import SupervisorCore

/// Expected words are what Python's `shlex.split` gives for the same input.
final class ShellWordsTests: XCTestCase {
    private func assertSplit(_ line: String, _ words: [String], file: StaticString = #filePath, line number: UInt = #line) {
        XCTAssertEqual(try ShellWords.split(line), words, file: file, line: number)
    }

    private func assertFails(_ line: String, _ message: String, file: StaticString = #filePath, line number: UInt = #line) {
        XCTAssertThrowsError(try ShellWords.split(line), file: file, line: number) { error in
            XCTAssertEqual("\(error)", message, file: file, line: number)
        }
    }

    func testEmptyAndBlankLinesHaveNoWords() {
        assertSplit("", [])
        assertSplit("  \t\n ", [])
    }

    func testWhitespaceSeparates() {
        assertSplit("a b  c", ["a", "b", "c"])
        assertSplit("a\tb\nc\rd", ["a", "b", "c", "d"])
        assertSplit("  lead trail  ", ["lead", "trail"])
    }

    func testCarriageReturnLineFeedSeparates() {
        assertSplit("a\r\nb", ["a", "b"])
    }

    func testSingleQuotesKeepEverythingLiterally() {
        assertSplit("'a b' c", ["a b", "c"])
        assertSplit("'a\\b'", ["a\\b"])
        assertSplit("'a\"b'", ["a\"b"])
    }

    func testDoubleQuotes() {
        assertSplit("\"a b\" c", ["a b", "c"])
        assertSplit("\"a'b\"", ["a'b"])
    }

    func testInsideDoubleQuotesABackslashEscapesOnlyAQuoteOrItself() {
        assertSplit("\"a\\\"b\"", ["a\"b"])
        assertSplit("\"a\\\\b\"", ["a\\b"])
        assertSplit("\"a\\$b\"", ["a\\$b"])
        assertSplit("\"a\\`b\"", ["a\\`b"])
        assertSplit("\"a\\nb\"", ["a\\nb"])
    }

    func testQuotesJoinWithTheWordAroundThem() {
        assertSplit("a\"b c\"d", ["ab cd"])
        assertSplit("x'y'\"z\"", ["xyz"])
    }

    func testEmptyQuotesAreAnEmptyWord() {
        assertSplit("\"\"", [""])
        assertSplit("''", [""])
        assertSplit("a '' b", ["a", "", "b"])
    }

    func testBackslashOutsideQuotesEscapesAnyCharacter() {
        assertSplit("a\\ b", ["a b"])
        assertSplit("\\'", ["'"])
        assertSplit("\\\"", ["\""])
        assertSplit("a\\\nb", ["a\nb"])
    }

    func testHashIsNotAComment() {
        assertSplit("#no comment", ["#no", "comment"])
        assertSplit("a#b", ["a#b"])
    }

    func testNonASCIIWords() {
        assertSplit("café 日本", ["café", "日本"])
    }

    func testAQuoteFollowedByACombiningMarkIsStillAQuote() {
        assertSplit("x'\u{301}'", ["x\u{301}"])
    }

    func testUnclosedQuotesFail() {
        assertFails("\"abc", "No closing quotation")
        assertFails("'abc", "No closing quotation")
        assertFails("ok 'abc", "No closing quotation")
    }

    func testATrailingBackslashFails() {
        assertFails("a\\", "No escaped character")
        assertFails("\"abc\\", "No escaped character")
    }
}
