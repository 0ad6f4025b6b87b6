import XCTest

@testable import supervisorctl

/// Expected results and messages are those of the reference (Python's `getopt` and
/// supervisor's option checks).
final class ControlOptionsTests: XCTestCase {
    private func usageError(_ args: [String], file: StaticString = #filePath, line: UInt = #line) -> String? {
        do {
            _ = try ControlOptions.parse(args)
            XCTFail("\(args) parsed", file: file, line: line)
            return nil
        } catch {
            return (error as? ControlOptions.UsageError)?.message
        }
    }

    func testNoArguments() throws {
        let options = try ControlOptions.parse([])
        XCTAssertNil(options.configFile)
        XCTAssertNil(options.serverURL)
        XCTAssertFalse(options.interactive)
        XCTAssertFalse(options.wantsHelp)
        XCTAssertEqual(options.arguments, [])
    }

    func testShortOptionsWithSeparateAndAttachedValues() throws {
        let options = try ControlOptions.parse(["-c", "/etc/s.conf", "-uadmin", "-p", "secret", "-r", "/tmp/h", "status"])
        XCTAssertEqual(options.configFile, "/etc/s.conf")
        XCTAssertEqual(options.username, "admin")
        XCTAssertEqual(options.password, "secret")
        XCTAssertEqual(options.historyFile, "/tmp/h")
        XCTAssertEqual(options.arguments, ["status"])
    }

    func testClusteredShortOptions() throws {
        let options = try ControlOptions.parse(["-ic", "x.conf", "start", "all"])
        XCTAssertTrue(options.interactive)
        XCTAssertEqual(options.configFile, "x.conf")
        XCTAssertEqual(options.arguments, ["start", "all"])
    }

    func testLongOptionsWithEqualsOrSeparateValue() throws {
        let options = try ControlOptions.parse(["--configuration=a.conf", "--serverurl", "unix:///tmp/s.sock", "--interactive"])
        XCTAssertEqual(options.configFile, "a.conf")
        XCTAssertEqual(options.serverURL, "unix:///tmp/s.sock")
        XCTAssertTrue(options.interactive)
    }

    func testAnEmptyValueAfterEqualsIsAValue() throws {
        XCTAssertEqual(try ControlOptions.parse(["--username="]).username, "")
    }

    func testLongOptionsMayBeAbbreviatedToAUniquePrefix() throws {
        let options = try ControlOptions.parse(["--conf", "a.conf", "--user=u", "--hist=h"])
        XCTAssertEqual(options.configFile, "a.conf")
        XCTAssertEqual(options.username, "u")
        XCTAssertEqual(options.historyFile, "h")
    }

    func testOptionsStopAtTheFirstNonOption() throws {
        let options = try ControlOptions.parse(["status", "-c", "x"])
        XCTAssertNil(options.configFile)
        XCTAssertEqual(options.arguments, ["status", "-c", "x"])
    }

    func testDoubleDashEndsOptionsAndIsDropped() throws {
        XCTAssertEqual(try ControlOptions.parse(["--", "-c", "x"]).arguments, ["-c", "x"])
    }

    func testALoneDashIsAnArgument() throws {
        XCTAssertEqual(try ControlOptions.parse(["-", "status"]).arguments, ["-", "status"])
    }

    func testHelp() throws {
        XCTAssertTrue(try ControlOptions.parse(["-h"]).wantsHelp)
        XCTAssertTrue(try ControlOptions.parse(["-?"]).wantsHelp)
        XCTAssertTrue(try ControlOptions.parse(["--he"]).wantsHelp)
    }

    func testHelpStopsLaterChecks() throws {
        XCTAssertTrue(try ControlOptions.parse(["-h", "-c", "a", "-c", "b"]).wantsHelp)
    }

    func testUnknownOptions() {
        XCTAssertEqual(usageError(["-x"]), "option -x not recognized")
        XCTAssertEqual(usageError(["--bogus"]), "option --bogus not recognized")
    }

    func testAnAmbiguousPrefix() {
        // --h could only be --help or --history_file.
        XCTAssertEqual(usageError(["--h"]), "option --h not a unique prefix")
    }

    func testMissingValues() {
        XCTAssertEqual(usageError(["-c"]), "option -c requires argument")
        XCTAssertEqual(usageError(["--configuration"]), "option --configuration requires argument")
    }

    func testAValueForAFlag() {
        XCTAssertEqual(usageError(["--interactive=yes"]), "option --interactive must not have an argument")
    }

    func testAnOptionGivenTwice() {
        XCTAssertEqual(usageError(["-c", "a", "--configuration", "b"]), "conflicting command line option '--configuration'")
        XCTAssertEqual(usageError(["-i", "-i"]), "conflicting command line option '-i'")
    }

    func testServerURLsTheReferenceAccepts() throws {
        for url in ["http://localhost:9001", "unix:///tmp/s.sock", "http:///", "localhost:9001", "ht-tp://a", "foo:;p"] {
            XCTAssertEqual(try ControlOptions.parse(["-s", url]).serverURL, url)
        }
    }

    func testServerURLsTheReferenceRejects() {
        for url in ["http://", "unix://", "x:", ":x", "1http://x", "h t:x", "http:?q", "http:#f", "http:;p", "nourl", ""] {
            XCTAssertEqual(usageError(["-s", url]), "invalid value for -s '\(url)': value '\(url)' is not a URL", url)
        }
    }
}
