import XCTest
@testable import SupervisorConfig

/// The dotenv syntax of `environment_file=` files.
final class DotenvParserTests: XCTestCase {
    private func parse(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> [String] {
        do {
            return try DotenvParser.parse(text).map { "\($0.name)=\($0.value)" }
        } catch {
            XCTFail("line \(error.line): \(error.reason)", file: file, line: line)
            return []
        }
    }

    private func failure(_ text: String, file: StaticString = #filePath, line: UInt = #line)
        -> DotenvParser.SyntaxError? {
        do {
            let variables = try DotenvParser.parse(text)
            XCTFail("parsed as \(variables)", file: file, line: line)
            return nil
        } catch {
            return error
        }
    }

    func testAssignmentsInOrderWithExportBlanksAndComments() {
        let text = """
            # database
            DB_HOST=db.internal

            export DB_PORT=5432
            export\tDB_USER = app\u{20}\u{20}
              NAME  =  two words  # the display name
            URL=http://host/#top
            EMPTY=
            HASH= #only a comment
            DB_HOST=replica.internal
            """
        XCTAssertEqual(parse(text), [
            "DB_HOST=db.internal", "DB_PORT=5432", "DB_USER=app", "NAME=two words", "URL=http://host/#top",
            "EMPTY=", "HASH=", "DB_HOST=replica.internal",
        ])
    }

    func testAVariableNamedExportIsNotTheKeyword() {
        XCTAssertEqual(parse("export=1\nexporter=2\n"), ["export=1", "exporter=2"])
    }

    func testSingleQuotesKeepEverythingAsWritten() {
        XCTAssertEqual(parse(#"A='  spaced # not a comment \n "double" '"#), [#"A=  spaced # not a comment \n "double" "#])
        XCTAssertEqual(parse("B = 'x'   # comment\nC=''"), ["B=x", "C="])
    }

    func testDoubleQuotesReadEscapes() {
        XCTAssertEqual(parse(#"A="line one\nline two\ttab \"quoted\" back\\slash \$HOME # kept""#),
                       ["A=line one\nline two\ttab \"quoted\" back\\slash \\$HOME # kept"])
        XCTAssertEqual(parse(#"B="it's" # comment"#), ["B=it's"])
        XCTAssertEqual(parse("C=\"x\"\r\nD=y\r\n"), ["C=x", "D=y"], "CRLF line ends")
    }

    func testQuotesInsideAnUnquotedValueAreLiteral() {
        XCTAssertEqual(parse(#"A=it's "fine""#), [#"A=it's "fine""#])
    }

    func testValuesAreNotExpanded() {
        XCTAssertEqual(parse("A=$HOME/${USER}"), ["A=$HOME/${USER}"])
    }

    func testAByteOrderMarkIsSkipped() {
        XCTAssertEqual(parse("\u{FEFF}A=1\n"), ["A=1"])
    }

    func testEmptyAndCommentOnlyFiles() {
        XCTAssertEqual(parse(""), [])
        XCTAssertEqual(parse("\n   \n# only\n\t# indented\n"), [])
    }

    func testErrorsNameTheLineAndNeverQuoteTheValue() {
        let cases: [(String, Int, String)] = [
            ("A=1\nsecret-token-without-name\n", 2, "expected NAME=value"),
            ("A=1\n\nexport B\n", 3, "expected NAME=value"),
            ("MY-VAR=1", 1, "invalid variable name 'MY-VAR'"),
            ("1ABC=1", 1, "invalid variable name '1ABC'"),
            ("=value", 1, "invalid variable name ''"),
            ("caf\u{E9}=1", 1, "invalid variable name 'caf\u{E9}'"),
            ("A=1\nB='secret", 2, "no closing ' quote"),
            ("B=\"secret\\\"", 1, "no closing \" quote"),
            ("B=\"secret\\", 1, "no closing \" quote"),
            ("A='secret'tail", 1, "unexpected text after the closing quote"),
            ("A=\"secret\" tail", 1, "unexpected text after the closing quote"),
            ("A=sec\0ret", 1, "a NUL character"),
        ]
        for (text, line, reason) in cases {
            let error = failure(text)
            XCTAssertEqual(error, DotenvParser.SyntaxError(line: line, reason: reason), text)
            XCTAssertFalse(error?.reason.contains("secret") ?? false, text)
        }
    }

    func testAMultiLineQuoteIsAnErrorOnItsFirstLine() {
        XCTAssertEqual(failure("A=1\nB=\"first\nsecond\"\n")?.line, 2)
    }
}
