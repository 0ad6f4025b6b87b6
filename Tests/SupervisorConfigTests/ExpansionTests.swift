import XCTest
@testable import SupervisorConfig

final class ExpansionTests: XCTestCase {
    let names = Expansions([
        "program_name": .string("web"), "process_num": .integer(7), "here": .string("/etc"),
    ])

    func testNamedValuesAndFormats() throws {
        XCTAssertEqual(try names.expand("%(program_name)s_%(process_num)02d"), "web_07")
        XCTAssertEqual(try names.expand("%(process_num)d %(process_num)s %(process_num)3d|%(process_num)-3d|"),
                       "7 7   7|7  |")
        XCTAssertEqual(try names.expand("%(process_num)#x %(process_num)#o %(process_num)+d %(process_num).3d"),
                       "0x7 0o7 +7 007")
        XCTAssertEqual(try names.expand("%(program_name).1s|%(program_name)5s|%(program_name)-5s|"), "w|  web|web  |")
        XCTAssertEqual(try names.expand("%(program_name)r"), "'web'")
        XCTAssertEqual(try names.expand("100%% of %(here)s"), "100% of /etc")
        XCTAssertEqual(try names.expand("no directives"), "no directives")
    }

    func testErrorsInPythonsWords() {
        func failure(_ template: String) -> ExpansionError? {
            do throws(ExpansionError) {
                _ = try names.expand(template)
                return nil
            } catch {
                return error
            }
        }
        XCTAssertEqual(failure("%(nope)s"), .unknownName("nope"))
        XCTAssertEqual(failure("%(nope)q"), .unknownName("nope"))
        XCTAssertEqual(failure("%(here)d"), .badFormat("%d format: a real number is required, not str"))
        XCTAssertEqual(failure("%(here)x"), .badFormat("%x format: an integer is required, not str"))
        XCTAssertEqual(failure("100%"), .badFormat("incomplete format"))
        XCTAssertEqual(failure("%(here)"), .badFormat("incomplete format"))
        XCTAssertEqual(failure("%(here"), .badFormat("incomplete format key"))
        XCTAssertEqual(failure("ab%(here)q"), .badFormat("unsupported format character 'q' (0x71) at index 9"))
    }

    func testExpansionsInAConfig() throws {
        let directory = TempDirectory()
        let config = try load("""
            [supervisord]
            environment=GREETING=hi
            [program:web]
            command=/bin/%(ENV_GREETING)s %(ENV_HOME)s %(host_node_name)s %(numprocs)d %(group_name)s
            process_name=%(program_name)s-%(process_num)d
            numprocs=2
            numprocs_start=1
            directory=%(here)s/%(process_num)d
            environment=N="%(process_num)d"
            stdout_logfile=%(here)s/%(ENV_N)s.log
            """, in: directory)
        let processes = try XCTUnwrap(config.group("web")?.processes)
        XCTAssertEqual(processes.map(\.name), ["web-1", "web-2"])
        XCTAssertEqual(processes[0].command, "/bin/hi /root testhost 2 web")
        XCTAssertEqual(processes[1].directory, directory.path + "/2")
        XCTAssertEqual(processes[1].stdout.logfile, .path(directory.path + "/2.log"))
        XCTAssertEqual(processes[1].environment.last, EnvironmentVariable(name: "N", value: "2"))
        XCTAssertEqual(processes[0].supervisordEnvironment.first, EnvironmentVariable(name: "GREETING", value: "hi"))
    }

    func testUnknownNameNamesTheKey() throws {
        let error = try XCTUnwrap(loadError("[supervisord]\n[program:x]\ncommand=run %(foo)s\n",
                                            environment: ["HOME": "/root"]))
        XCTAssertTrue(error.message.hasPrefix("Format string 'run %(foo)s' for 'program:x.command' contains names "
                                                  + "('foo') which cannot be expanded. Available names: ENV_HOME, "
                                                  + "group_name, here, host_node_name, numprocs, process_num, "
                                                  + "program_name in section 'program:x'"), error.message)
        XCTAssertEqual(error.line, 3)
    }
}
