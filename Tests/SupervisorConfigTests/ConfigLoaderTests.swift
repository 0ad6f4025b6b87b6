import XCTest
@testable import SupervisorConfig

final class ConfigLoaderTests: XCTestCase {
    func testMinimalConfigHasReferenceDefaults() throws {
        let config = try load("[supervisord]\n")
        var expected = DaemonConfig()
        expected.logfile = Paths.absolute("supervisord.log")
        expected.pidfile = Paths.absolute("supervisord.pid")
        XCTAssertEqual(config.daemon, expected)
        XCTAssertTrue(config.groups.isEmpty)
        XCTAssertNil(config.unixHTTPServer)
        XCTAssertNil(config.inetHTTPServer)
        XCTAssertNil(config.control)
    }

    func testSampleConfigLoads() throws {
        let config = try load(SampleConfig.text)
        XCTAssertEqual(config.unixHTTPServer?.file, "/tmp/supervisor.sock")
        XCTAssertEqual(config.daemon.logfile, "/tmp/supervisord.log")
        XCTAssertEqual(config.daemon.pidfile, "/tmp/supervisord.pid")
        XCTAssertEqual(config.rpcInterfaces, ["supervisor"])
        XCTAssertEqual(config.control?.serverurl, "unix:///tmp/supervisor.sock")
        XCTAssertTrue(config.warnings.isEmpty, "\(config.warnings)")
    }

    func testProgramDefaults() throws {
        let config = try load("[supervisord]\n[program:cat]\ncommand=/bin/cat\n")
        let process = try XCTUnwrap(config.process("cat"))
        var expected = ProcessConfig(name: "cat", command: "/bin/cat")
        expected.programName = "cat"
        expected.stdout = ChannelLogConfig()
        XCTAssertEqual(process, expected)
        XCTAssertEqual(config.group("cat")?.priority, 999)
    }
}
