import XCTest
@testable import SupervisorConfig

final class IncludeTests: XCTestCase {
    func testGlobsAreReadSortedWithTheirOwnHere() throws {
        let directory = TempDirectory()
        directory.write("conf.d/b.conf", "[program:b]\ncommand=%(here)s/run-b\n")
        directory.write("conf.d/a.conf", "[program:a]\ncommand=%(here)s/run-a\n")
        directory.write("conf.d/skip.ini", "[program:c]\ncommand=c\n")
        let config = try load("[supervisord]\n[include]\nfiles = conf.d/*.conf\n  nothing/*.ini\n", in: directory)
        XCTAssertEqual(config.groups.map(\.name), ["a", "b"])
        XCTAssertEqual(config.process("a")?.command, directory.path + "/conf.d/run-a")
        XCTAssertEqual(config.infos, [
            "Included extra file \"\(directory.path)/conf.d/a.conf\" during parsing",
            "Included extra file \"\(directory.path)/conf.d/b.conf\" during parsing",
        ])
        XCTAssertEqual(config.warnings, ["No file matches via include \"\(directory.path)/nothing/*.ini\""])
    }

    func testMainFileValuesKeepTheMainHere() throws {
        let directory = TempDirectory()
        directory.write("sub/x.conf", "[program:x]\ncommand=x\n")
        let config = try load("[supervisord]\nlogfile=%(here)s/main.log\n[include]\nfiles=sub/x.conf\n", in: directory)
        XCTAssertEqual(config.daemon.logfile, directory.path + "/main.log")
    }

    func testNestedIncludesAreRelativeToTheIncludingFileAndCyclesEnd() throws {
        let directory = TempDirectory()
        directory.write("conf.d/a.conf", "[program:a]\ncommand=a\n[include]\nfiles=more/*.conf ../main-again.conf\n")
        directory.write("conf.d/more/b.conf", "[program:b]\ncommand=b\n[include]\nfiles=../a.conf\n")
        directory.write("main-again.conf", "[program:c]\ncommand=c\n")
        let config = try load("[supervisord]\n[include]\nfiles=conf.d/a.conf\n", in: directory)
        XCTAssertEqual(config.groups.map(\.name).sorted(), ["a", "b", "c"])
        XCTAssertEqual(config.infos.count, 3)
    }

    func testAbsolutePatternsAndEnvironmentExpansion() throws {
        let directory = TempDirectory()
        let other = TempDirectory()
        other.write("p.conf", "[program:p]\ncommand=p\n")
        let config = try load("[supervisord]\n[include]\nfiles=%(ENV_OTHER)s/*.conf\n", in: directory,
                              environment: ["OTHER": other.path])
        XCTAssertEqual(config.groups.map(\.name), ["p"])
    }

    func testMissingLiteralFileIsAnError() throws {
        let directory = TempDirectory()
        let error = try XCTUnwrap(loadError("[supervisord]\n[include]\nfiles=nonexistent.conf\n", in: directory))
        XCTAssertTrue(error.message.contains("\(directory.path)/nonexistent.conf"), error.message)
        XCTAssertEqual(error.file, directory.path + "/supervisord.conf")
        XCTAssertEqual(error.line, 3)
        XCTAssertFalse(error.message.contains("\n"))
    }

    func testErrorsInIncludedFilesNameThatFile() throws {
        let directory = TempDirectory()
        let included = directory.write("conf.d/b.conf", "[program:b]\ncommand=b\nstartsecs=x\n")
        let error = try XCTUnwrap(loadError("[supervisord]\n[include]\nfiles=conf.d/*.conf\n", in: directory))
        XCTAssertEqual(error.message,
                       "invalid literal for int() with base 10: 'x' in section 'program:b' (file: '\(included)')")
        XCTAssertEqual(error.file, included)
        XCTAssertEqual(error.line, 3)

        directory.write("conf.d/b.conf", "[program:b]\ncommand=b\ngarbage\n")
        let syntax = try XCTUnwrap(loadError("[supervisord]\n[include]\nfiles=conf.d/*.conf\n", in: directory))
        XCTAssertEqual(syntax.message, "Source contains parsing errors: '\(included)'\n\t[line  3]: 'garbage\\n'")
    }

    func testIncludeWithoutFilesIsAnError() {
        XCTAssertEqual(loadError("[supervisord]\n[include]\n")?.message,
                       ".ini file has [include] section, but no files setting")
    }

    func testSectionsMayBeSplitAcrossFiles() throws {
        let directory = TempDirectory()
        directory.write("more.conf", "[program:a]\npriority=5\n")
        let config = try load("[supervisord]\n[program:a]\ncommand=a\n[include]\nfiles=more.conf\n", in: directory)
        XCTAssertEqual(config.process("a")?.priority, 5)
    }
}
