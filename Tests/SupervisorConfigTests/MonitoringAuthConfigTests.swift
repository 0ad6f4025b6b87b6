import XCTest
@testable import SupervisorConfig

/// `metrics_auth` and `probes_auth` in both HTTP server sections.
final class MonitoringAuthConfigTests: XCTestCase {
    func testDefaultsAskCredentialsForMetricsOnly() throws {
        let config = try load("[supervisord]\n[unix_http_server]\nfile=/tmp/s.sock\n[inet_http_server]\nport=9001\n")
        XCTAssertEqual(config.unixHTTPServer?.monitoringAuth, MonitoringAuth())
        XCTAssertEqual(config.inetHTTPServer?.monitoringAuth.metrics, true)
        XCTAssertEqual(config.inetHTTPServer?.monitoringAuth.probes, false)
    }

    func testBothServersReadTheKeys() throws {
        let config = try load("""
            [supervisord]
            [unix_http_server]
            file=/tmp/s.sock
            metrics_auth=false
            probes_auth=yes
            [inet_http_server]
            port=9001
            metrics_auth=Off
            probes_auth=1

            """)
        for auth in [config.unixHTTPServer?.monitoringAuth, config.inetHTTPServer?.monitoringAuth] {
            XCTAssertEqual(auth?.metrics, false)
            XCTAssertEqual(auth?.probes, true)
        }
        XCTAssertEqual(config.warnings, [], "the keys are known keys")
    }

    func testABadValueNamesItsKeyAndLine() throws {
        let inet = try XCTUnwrap(loadFailure("[supervisord]\n[inet_http_server]\nport=9001\nmetrics_auth=maybe\n"))
        XCTAssertEqual(inet.description, "not a valid boolean value: 'maybe' (at supervisord.conf:4)")
        let unix = try XCTUnwrap(loadFailure("[supervisord]\n[unix_http_server]\nfile=/tmp/s.sock\n\nprobes_auth=\n"))
        XCTAssertEqual(unix.description, "not a valid boolean value: '' (at supervisord.conf:5)")
    }

    func testATypoIsReportedWithTheKnownKey() throws {
        let config = try load("[supervisord]\n[inet_http_server]\nport=9001\nmetric_auth=false\n")
        XCTAssertEqual(config.inetHTTPServer?.monitoringAuth.metrics, true)
        XCTAssertEqual(config.warnings.count, 1)
        XCTAssertTrue(config.warnings.first?.hasSuffix("did you mean metrics_auth?") ?? false, "\(config.warnings)")
    }
}
