import XCTest
@testable import SupervisorConfig

/// `ready=` and `healthcheck=` values, the seconds of their timings and `depends_on` lists.
final class ProbeSpecParserTests: XCTestCase {
    func testTCPForms() throws {
        XCTAssertEqual(try ProbeSpecParser.readiness("tcp:5432"), .tcp(host: "127.0.0.1", port: 5432))
        XCTAssertEqual(try ProbeSpecParser.readiness(" tcp:db.local:5432 "), .tcp(host: "db.local", port: 5432))
        XCTAssertEqual(try ProbeSpecParser.readiness("tcp:10.0.0.7:1"), .tcp(host: "10.0.0.7", port: 1))
        XCTAssertEqual(try ProbeSpecParser.readiness("tcp:[::1]:65535"), .tcp(host: "::1", port: 65535))
        XCTAssertEqual(try ProbeSpecParser.healthCheck("tcp:80"), .tcp(host: "127.0.0.1", port: 80))
        XCTAssertEqual(try ProbeSpecParser.readiness("tcp:5432").text, "tcp:127.0.0.1:5432")
        XCTAssertEqual(try ProbeSpecParser.readiness("tcp:[::1]:80").text, "tcp:[::1]:80")
    }

    func testHTTPForms() throws {
        XCTAssertEqual(try ProbeSpecParser.readiness("http://localhost:8080/health"),
                       .http(url: "http://localhost:8080/health", host: "localhost", port: 8080, path: "/health"))
        XCTAssertEqual(try ProbeSpecParser.healthCheck("http://web/status?full=1"),
                       .http(url: "http://web/status?full=1", host: "web", port: 80, path: "/status?full=1"))
        XCTAssertEqual(try ProbeSpecParser.readiness("http://127.0.0.1:81"),
                       .http(url: "http://127.0.0.1:81", host: "127.0.0.1", port: 81, path: "/"))
        XCTAssertEqual(try ProbeSpecParser.readiness("http://[::1]:8080/"),
                       .http(url: "http://[::1]:8080/", host: "::1", port: 8080, path: "/"))
        XCTAssertEqual(try ProbeSpecParser.readiness("http://h:1/p").text, "http://h:1/p")
    }

    func testExecLogAndNotifyForms() throws {
        XCTAssertEqual(try ProbeSpecParser.readiness("exec: pg_isready -h localhost "),
                       .exec(command: "pg_isready -h localhost"))
        // A command is free text: commas and the word notify are its arguments.
        XCTAssertEqual(try ProbeSpecParser.healthCheck("exec:check a,b notify"), .exec(command: "check a,b notify"))
        XCTAssertEqual(try ProbeSpecParser.readiness("log:listening on port \\d+"),
                       .log(pattern: "listening on port \\d+"))
        XCTAssertEqual(try ProbeSpecParser.readiness("log:ready, notify"), .log(pattern: "ready, notify"))
        XCTAssertEqual(try ProbeSpecParser.readiness("notify"), .notify)
        XCTAssertEqual(try ProbeSpecParser.readiness(" notify "), .notify)
    }

    func testUnparsableChecks() {
        let forms = "expected tcp:PORT, tcp:HOST:PORT, http://HOST:PORT/PATH, exec:COMMAND, log:REGEX or notify"
        XCTAssertEqual(message { try ProbeSpecParser.readiness("port 80") },
                       "invalid ready value 'port 80': ready takes one check")
        XCTAssertEqual(message { try ProbeSpecParser.readiness("") }, "invalid ready value '': " + forms)
        XCTAssertEqual(message { try ProbeSpecParser.readiness("udp:53") }, "invalid ready value 'udp:53': " + forms)
        XCTAssertEqual(message { try ProbeSpecParser.readiness("TCP:80") }, "invalid ready value 'TCP:80': " + forms)
        XCTAssertEqual(message { try ProbeSpecParser.healthCheck("tcp:80, tcp:81") },
                       "invalid healthcheck value 'tcp:80, tcp:81': healthcheck takes one check")
        XCTAssertEqual(message { try ProbeSpecParser.readiness("tcp:http") },
                       "invalid ready value 'tcp:http': the port must be a number from 1 to 65535, not 'http'")
        XCTAssertEqual(message { try ProbeSpecParser.readiness("tcp:0") },
                       "invalid ready value 'tcp:0': the port must be a number from 1 to 65535, not '0'")
        XCTAssertEqual(message { try ProbeSpecParser.readiness("tcp:65536") },
                       "invalid ready value 'tcp:65536': the port must be a number from 1 to 65535, not '65536'")
        XCTAssertEqual(message { try ProbeSpecParser.readiness("tcp:+80") },
                       "invalid ready value 'tcp:+80': the port must be a number from 1 to 65535, not '+80'")
        XCTAssertEqual(message { try ProbeSpecParser.readiness("tcp:") },
                       "invalid ready value 'tcp:': the port must be a number from 1 to 65535, not ''")
        XCTAssertEqual(message { try ProbeSpecParser.readiness("tcp:db:") },
                       "invalid ready value 'tcp:db:': the port must be a number from 1 to 65535, not ''")
        XCTAssertEqual(message { try ProbeSpecParser.readiness("tcp::80") },
                       "invalid ready value 'tcp::80': '' is not a host name or address")
        XCTAssertEqual(message { try ProbeSpecParser.readiness("tcp:::1:80") },
                       "invalid ready value 'tcp:::1:80': an IPv6 address goes in brackets, as in [::1]")
        XCTAssertEqual(message { try ProbeSpecParser.readiness("tcp:fe80::1:80") },
                       "invalid ready value 'tcp:fe80::1:80': an IPv6 address goes in brackets, as in [::1]")
        XCTAssertEqual(message { try ProbeSpecParser.readiness("tcp:[::1]") },
                       "invalid ready value 'tcp:[::1]': no port after the host")
        XCTAssertEqual(message { try ProbeSpecParser.readiness("tcp:[::1:80") },
                       "invalid ready value 'tcp:[::1:80': no ] after the IPv6 address")
        XCTAssertEqual(message { try ProbeSpecParser.readiness("tcp:[db]:80") },
                       "invalid ready value 'tcp:[db]:80': 'db' is not an IPv6 address")
        XCTAssertEqual(message { try ProbeSpecParser.readiness("tcp:[::1]x:80") },
                       "invalid ready value 'tcp:[::1]x:80': unexpected 'x:80' after the host")
        XCTAssertEqual(message { try ProbeSpecParser.readiness("http:///health") },
                       "invalid ready value 'http:///health': '' is not a host name or address")
        XCTAssertEqual(message { try ProbeSpecParser.readiness("http://u@h/") },
                       "invalid ready value 'http://u@h/': 'u@h' is not a host name or address")
        XCTAssertEqual(message { try ProbeSpecParser.readiness("http://h:x/") },
                       "invalid ready value 'http://h:x/': the port must be a number from 1 to 65535, not 'x'")
        XCTAssertEqual(message { try ProbeSpecParser.readiness("exec:  ") },
                       "invalid ready value 'exec:  ': exec: needs a command")
        XCTAssertEqual(message { try ProbeSpecParser.readiness("log:") },
                       "invalid ready value 'log:': log: needs a regular expression")
        XCTAssertEqual(message { try ProbeSpecParser.readiness("log:(unclosed") },
                       "invalid ready value 'log:(unclosed': '(unclosed' is not a valid regular expression")
    }

    func testHTTPSIsRefused() {
        XCTAssertEqual(message { try ProbeSpecParser.readiness("https://h/health") },
                       "invalid ready value 'https://h/health': https is not supported; use http:// "
                           + "(or tcp: to check the port only)")
        XCTAssertNotNil(message { try ProbeSpecParser.healthCheck("HTTPS://h/") })
    }

    func testNotifyCannotBeCombined() {
        for text in ["notify, tcp:80", "notify tcp:80", "tcp:80,notify", "notify,notify"] {
            XCTAssertEqual(message { try ProbeSpecParser.readiness(text) },
                           "invalid ready value '\(text)': notify cannot be combined with another check")
        }
    }

    func testHealthChecksArePolledOnly() {
        XCTAssertEqual(message { try ProbeSpecParser.healthCheck("log:ok") },
                       "invalid healthcheck value 'log:ok': log: is for ready only; a healthcheck is tcp:, "
                           + "http:// or exec:")
        XCTAssertEqual(message { try ProbeSpecParser.healthCheck("notify") },
                       "invalid healthcheck value 'notify': notify is for ready only; a healthcheck is tcp:, "
                           + "http:// or exec:")
    }

    func testSeconds() throws {
        XCTAssertEqual(try SecondsParser.seconds("60", key: "ready_timeout"), 60)
        XCTAssertEqual(try SecondsParser.seconds(" 0.5 ", key: "ready_timeout"), 0.5)
        XCTAssertEqual(try SecondsParser.seconds(".25", key: "ready_timeout"), 0.25)
        XCTAssertEqual(try SecondsParser.seconds("0.001", key: "ready_timeout"), 0.001)
        XCTAssertEqual(try SecondsParser.seconds("1000000000", key: "ready_timeout"), 1_000_000_000)
        for text in ["0", "0.0", "-1", "0.0001", "1000000001", "", "ten", "1e3", "0x10", "inf", "nan", "1.2.3", "+5",
                     "."] {
            XCTAssertEqual(message { try SecondsParser.seconds(text, key: "watchdog_sec") },
                           "invalid watchdog_sec value '\(text)': expected a number of seconds from 0.001 to "
                               + "1000000000, such as 5 or 0.5", text)
        }
    }

    func testDependencyLists() throws {
        XCTAssertEqual(try DependencyListParser.dependencies("db, migrate:completed, cache:running"), [
            Dependency(program: "db"), Dependency(program: "migrate", condition: .completed),
            Dependency(program: "cache", condition: .running),
        ])
        XCTAssertEqual(try DependencyListParser.dependencies("db  cache:RUNNING,,"), [
            Dependency(program: "db"), Dependency(program: "cache"),
        ])
        XCTAssertEqual(try DependencyListParser.dependencies(""), [])
        XCTAssertEqual(message { try DependencyListParser.dependencies("db, migrate:done") },
                       "invalid depends_on value 'db, migrate:done': unknown condition 'done' for migrate "
                           + "(expected running or completed)")
        XCTAssertEqual(message { try DependencyListParser.dependencies("db:") },
                       "invalid depends_on value 'db:': unknown condition '' for db (expected running or completed)")
        XCTAssertEqual(message { try DependencyListParser.dependencies(":running") },
                       "invalid depends_on value ':running': ':running' names no program")
        XCTAssertEqual(message { try DependencyListParser.dependencies("db, db:completed") },
                       "invalid depends_on value 'db, db:completed': db is named more than once")
    }
}
