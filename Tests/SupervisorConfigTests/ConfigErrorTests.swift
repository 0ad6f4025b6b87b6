import XCTest
@testable import SupervisorConfig

/// What the programs print for a config error: the reference's message with its place said once.
final class ConfigErrorTests: XCTestCase {
    func testProgramSectionErrorsGiveTheirPlaceOnce() throws {
        let directory = TempDirectory()
        let error = try XCTUnwrap(loadError("[supervisord]\n[program:x]\ncommand=a\nautostart=maybe\n", in: directory))
        let file = directory.path + "/supervisord.conf"
        XCTAssertEqual(error.message, "not a valid boolean value: 'maybe' in section 'program:x' (file: '\(file)')")
        XCTAssertEqual(error.description, "not a valid boolean value: 'maybe' in section 'program:x' (at \(file):4)")
    }

    func testOtherErrorsGainTheirPlace() {
        let error = ConfigError("bad logging level name 'loud'", file: "/etc/s.conf", line: 3)
        XCTAssertEqual(error.description, "bad logging level name 'loud' (at /etc/s.conf:3)")
        XCTAssertEqual(ConfigError("no line", file: "/etc/s.conf").description, "no line")
    }

    func testWithoutALineTheReferenceWordingStays() {
        var error = ConfigError("program section program:x does not specify a command")
        error.section = ConfigError.Section(name: "program:x", file: "/etc/s.conf")
        XCTAssertEqual(error.description, error.message)
        XCTAssertTrue(error.description.hasSuffix("(file: '/etc/s.conf')"))
    }

    func testSyntaxErrorsListTheirOwnLines() throws {
        let error = try XCTUnwrap(loadError("[supervisord]\ngarbage\n"))
        XCTAssertEqual(error.description, error.message)
    }

    func testMessagesOfOurOwnNameNoPlaceThemselves() throws {
        let directory = TempDirectory()
        let file = directory.path + "/supervisord.conf"
        let unknownSection = try XCTUnwrap(loadError("[supervisord]\n[prgoram:x]\n", in: directory))
        let duplicate = try XCTUnwrap(loadError(
            "[supervisord]\n[program:x]\ncommand=a\nnumprocs=2\nprocess_name=p%(process_num)d\nnumprocs_start=0\n"
                + "[program:y]\ncommand=a\nprocess_name=p\nnumprocs=1\n[group:g]\nprograms=x,y\n"
                + "[program:z]\ncommand=a\n[include]\nfiles=missing.conf\n", in: directory))
        for error in [unknownSection, duplicate] {
            XCTAssertEqual(error.description.components(separatedBy: file).count, 2, error.description)
        }
    }
}
