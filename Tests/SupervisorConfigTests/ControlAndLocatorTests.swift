import XCTest
@testable import SupervisorConfig

final class ControlAndLocatorTests: XCTestCase {
    private func loadControl(_ text: String, in directory: TempDirectory = TempDirectory()) throws -> ControlConfig {
        try ConfigLoader.loadControl(path: directory.write("supervisord.conf", text), environment: testEnvironment)
    }

    func testControlSection() throws {
        let directory = TempDirectory()
        let config = try loadControl("[supervisorctl]\nserverurl=unix://%(here)s/../x/./s.sock\nhistory_file=~/.hist\n"
                                         + "username=%(ENV_HOME)s\npassword=p\nprompt=pp\n", in: directory)
        XCTAssertEqual(config.serverurl, "unix://" + Paths.dirname(directory.path) + "/x/s.sock")
        XCTAssertEqual(config.historyFile, "/root/.hist")
        XCTAssertEqual(config.username, "/root")
        XCTAssertEqual(config.password, "p")
        XCTAssertEqual(config.prompt, "pp")
    }

    func testControlDefaults() throws {
        let config = try loadControl("[supervisorctl]\n")
        XCTAssertEqual(config, ControlConfig())
        XCTAssertEqual(config.serverurl, "http://localhost:9001")
        XCTAssertEqual(config.prompt, "supervisor")
    }

    func testControlNeedsItsSection() {
        XCTAssertThrowsError(try loadControl("[supervisord]\n[unix_http_server]\nfile=/tmp/s.sock\n")) {
            XCTAssertEqual(($0 as? ConfigError)?.message, ".ini file does not include supervisorctl section")
        }
    }

    func testControlIgnoresOtherSectionsAndWarnsAboutPlugins() throws {
        let config = try loadControl("[supervisorctl]\n[prgoram:x]\n[ctlplugin:p]\nsupervisor.ctl_factory=a:b\n")
        XCTAssertEqual(config.warnings.count, 1)
    }

    func testSampleConfigForSupervisorctl() throws {
        XCTAssertEqual(try loadControl(SampleConfig.text).serverurl, "unix:///tmp/supervisor.sock")
    }

    func testSearchOrder() {
        XCTAssertEqual(ConfigFileLocator.searchPaths(currentDirectory: "/work", executablePath: "/usr/bin/supervisord"), [
            "/usr/etc/supervisord.conf", "/usr/supervisord.conf", "supervisord.conf", "etc/supervisord.conf",
            "/etc/supervisord.conf", "/etc/supervisor/supervisord.conf",
        ])
        XCTAssertEqual(ConfigFileLocator.searchPaths(currentDirectory: "/work", executablePath: "supervisord").prefix(2),
                       ["etc/supervisord.conf", "supervisord.conf"])
    }

    func testFindReturnsTheFirstExistingAsAnAbsolutePath() {
        var asked: [String] = []
        let found = ConfigFileLocator.find(currentDirectory: "/work", executablePath: "/opt/sv/bin/supervisord") {
            asked.append($0)
            return $0 == "/work/etc/supervisord.conf" || $0 == "/etc/supervisord.conf"
        }
        XCTAssertEqual(found, "/work/etc/supervisord.conf")
        XCTAssertEqual(asked, ["/opt/sv/etc/supervisord.conf", "/opt/sv/supervisord.conf",
                               "/work/supervisord.conf", "/work/etc/supervisord.conf"])
        XCTAssertNil(ConfigFileLocator.find(currentDirectory: "/", executablePath: "x") { _ in false })
    }
}
