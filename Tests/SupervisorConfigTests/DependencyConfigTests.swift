import XCTest
@testable import SupervisorConfig

/// The issue 14 keys as a whole config file reads them: `depends_on`, `ready`, `healthcheck`,
/// `watchdog_sec` and their timings, and the checks across programs.
final class DependencyConfigTests: XCTestCase {
    private let header = "[supervisord]\n"

    func testWithoutTheKeysNothingIsConfigured() throws {
        let process = try XCTUnwrap(load(header + "[program:web]\ncommand=a\n").process("web"))
        XCTAssertEqual(process.programName, "web")
        XCTAssertEqual(process.dependsOn, [])
        XCTAssertNil(process.ready)
        XCTAssertNil(process.healthcheck)
        XCTAssertNil(process.watchdogSeconds)
        XCTAssertFalse(process.usesNotifySocket)
    }

    func testDefaults() throws {
        let process = try XCTUnwrap(load(header + "[program:db]\ncommand=a\nready=tcp:5432\nhealthcheck=tcp:5432\n")
            .process("db"))
        let ready = try XCTUnwrap(process.ready)
        XCTAssertEqual(ready.probe, .tcp(host: "127.0.0.1", port: 5432))
        XCTAssertEqual(ready.timeout, 60)
        XCTAssertEqual(ready.interval, 1)
        XCTAssertEqual(ready.attemptTimeout, 5)
        let health = try XCTUnwrap(process.healthcheck)
        XCTAssertEqual(health.probe, .tcp(host: "127.0.0.1", port: 5432))
        XCTAssertEqual(health.interval, 10)
        XCTAssertEqual(health.timeout, 5)
        XCTAssertEqual(health.retries, 3)
        XCTAssertEqual(health.action, .restart)
    }

    func testEveryKeyRead() throws {
        let config = try load(header + """
            [program:web]
            command=a
            depends_on = db, migrate:completed cache:running
            ready=http://localhost:8080/health
            ready_timeout=30
            ready_interval=0.5
            healthcheck=exec:check --quick
            healthcheck_interval=2.5
            healthcheck_timeout=1.5
            healthcheck_retries=5
            healthcheck_action=STOP
            watchdog_sec=20
            [program:db]
            command=a
            ready=notify
            [program:migrate]
            command=a
            [eventlistener:cache]
            command=a
            events=TICK_5

            """)
        let web = try XCTUnwrap(config.process("web"))
        XCTAssertEqual(web.dependsOn, [
            Dependency(program: "db"), Dependency(program: "migrate", condition: .completed),
            Dependency(program: "cache"),
        ])
        var ready = ReadinessConfig(probe: .http(url: "http://localhost:8080/health", host: "localhost", port: 8080,
                                                 path: "/health"))
        ready.timeout = 30
        ready.interval = 0.5
        ready.attemptTimeout = 1.5
        XCTAssertEqual(web.ready, ready)
        var health = HealthCheckConfig(probe: .exec(command: "check --quick"))
        health.interval = 2.5
        health.timeout = 1.5
        health.retries = 5
        health.action = .stop
        XCTAssertEqual(web.healthcheck, health)
        XCTAssertEqual(web.watchdogSeconds, 20)
        XCTAssertTrue(web.usesNotifySocket)
        XCTAssertEqual(config.process("db")?.ready?.probe, .notify)
        XCTAssertEqual(config.process("db")?.usesNotifySocket, true)
        XCTAssertEqual(config.process("cache")?.programName, "cache")
        XCTAssertEqual(config.warnings, [], "the keys are known keys")
    }

    func testChecksAreExpandedPerProcess() throws {
        let config = try load(header + """
            [program:api]
            command=a
            process_name=%(program_name)s_%(process_num)d
            numprocs=2
            environment=CHECK_HOST="h%(process_num)d"
            depends_on=%(ENV_DB)s
            ready=tcp:80%(process_num)02d
            healthcheck=http://%(ENV_CHECK_HOST)s:90%(process_num)02d/%(group_name)s/%(program_name)s/%(numprocs)d
            [program:db]
            command=a

            """, environment: testEnvironment.merging(["DB": "db"]) { $1 })
        let first = try XCTUnwrap(config.process("api", "api_0"))
        let second = try XCTUnwrap(config.process("api", "api_1"))
        XCTAssertEqual(first.ready?.probe, .tcp(host: "127.0.0.1", port: 8000))
        XCTAssertEqual(second.ready?.probe, .tcp(host: "127.0.0.1", port: 8001))
        XCTAssertEqual(first.healthcheck?.probe, .http(url: "http://h0:9000/api/api/2", host: "h0", port: 9000,
                                                      path: "/api/api/2"))
        XCTAssertEqual(second.healthcheck?.probe.text, "http://h1:9001/api/api/2")
        XCTAssertEqual(first.dependsOn, [Dependency(program: "db")])
        XCTAssertEqual([first.programName, second.programName], ["api", "api"])
    }

    func testProgramsInAGroupKeepTheirProgramName() throws {
        let config = try load(header + "[group:stack]\nprograms=web,db\n[program:web]\ncommand=a\ndepends_on=db\n"
                                  + "[program:db]\ncommand=a\n[fcgi-program:php]\ncommand=a\nsocket=tcp://127.0.0.1:9\n"
                                  + "depends_on=db\n")
        XCTAssertEqual(config.process("stack", "web")?.programName, "web")
        XCTAssertEqual(config.process("stack", "web")?.dependsOn, [Dependency(program: "db")])
        XCTAssertEqual(config.process("stack", "db")?.programName, "db")
        XCTAssertEqual(config.process("php")?.programName, "php")
    }

    private func failure(_ text: String, file: StaticString = #filePath, line: UInt = #line)
        -> (description: String, line: Int?)? {
        loadFailure(header + text, file: file, line: line)
    }

    func testBadValuesNameTheirKeyAndLine() throws {
        let cases: [(String, String)] = [
            ("ready=https://h/", "invalid ready value 'https://h/': https is not supported; use http:// "
                + "(or tcp: to check the port only)"),
            ("ready=notify, tcp:80", "invalid ready value 'notify, tcp:80': notify cannot be combined with another "
                + "check"),
            ("ready=tcp:x", "invalid ready value 'tcp:x': the port must be a number from 1 to 65535, not 'x'"),
            ("healthcheck=log:up", "invalid healthcheck value 'log:up': log: is for ready only; a healthcheck is "
                + "tcp:, http:// or exec:"),
            ("healthcheck=notify", "invalid healthcheck value 'notify': notify is for ready only; a healthcheck is "
                + "tcp:, http:// or exec:"),
            ("depends_on=db:ready", "invalid depends_on value 'db:ready': unknown condition 'ready' for db "
                + "(expected running or completed)"),
            ("ready_timeout=0", "invalid ready_timeout value '0': expected a number of seconds from 0.001 to "
                + "1000000000, such as 5 or 0.5"),
            ("ready_interval=-1", "invalid ready_interval value '-1': expected a number of seconds from 0.001 to "
                + "1000000000, such as 5 or 0.5"),
            ("healthcheck_interval=soon", "invalid healthcheck_interval value 'soon': expected a number of seconds "
                + "from 0.001 to 1000000000, such as 5 or 0.5"),
            ("healthcheck_timeout=0", "invalid healthcheck_timeout value '0': expected a number of seconds from "
                + "0.001 to 1000000000, such as 5 or 0.5"),
            ("watchdog_sec=0", "invalid watchdog_sec value '0': expected a number of seconds from 0.001 to "
                + "1000000000, such as 5 or 0.5"),
            ("healthcheck_retries=0", "invalid healthcheck_retries value '0': expected a whole number of failures, "
                + "1 or more"),
            ("healthcheck_retries=2.5", "invalid healthcheck_retries value '2.5': expected a whole number of "
                + "failures, 1 or more"),
            ("healthcheck_action=reboot", "invalid healthcheck_action value 'reboot': expected one of restart, "
                + "stop, none"),
        ]
        for (line, message) in cases {
            // Timings are checked with or without the check they belong to.
            let result = failure("[program:web]\ncommand=a\n\(line)\n")
            XCTAssertEqual(result?.description, message + " in section 'program:web' (at supervisord.conf:4)", line)
            XCTAssertEqual(result?.line, 4, line)
        }
    }

    func testUnknownProgramInDependsOn() {
        let result = failure("[program:web]\ncommand=a\ndepends_on=cache, dbb\n[program:db]\ncommand=a\n"
                                 + "[eventlistener:cache]\ncommand=a\nevents=TICK_5\n")
        XCTAssertEqual(result?.description, "depends_on names unknown program 'dbb' (did you mean db?) in section "
                           + "'program:web' (at supervisord.conf:4)")
        XCTAssertEqual(failure("[program:web]\ncommand=a\ndepends_on=queue\n")?.description,
                       "depends_on names unknown program 'queue' in section 'program:web' (at supervisord.conf:4)")
        // A group's name is not a program's.
        XCTAssertEqual(failure("[group:g]\nprograms=db\n[program:db]\ncommand=a\n[program:web]\ncommand=a\n"
                                   + "depends_on=g\n")?.line, 8)
    }

    func testDependingOnItself() {
        XCTAssertEqual(failure("[program:web]\ncommand=a\n\ndepends_on=db, web:completed\n[program:db]\ncommand=a\n")?
            .description, "depends_on names the program itself (web) in section 'program:web' (at supervisord.conf:5)")
    }

    func testCycleOfTwo() {
        let result = failure("[program:a]\ncommand=x\ndepends_on=b\n[program:b]\ncommand=x\ndepends_on=a:completed\n")
        XCTAssertEqual(result?.description, "depends_on makes a cycle: a -> b -> a in section 'program:b' "
                           + "(at supervisord.conf:7)")
    }

    func testCycleOfThreeAcrossSectionTypesAndGroups() {
        let result = failure("""
            [program:web]
            command=x
            depends_on=db
            [group:data]
            programs=db
            [program:db]
            command=x
            depends_on=php
            [fcgi-program:php]
            command=x
            socket=tcp://127.0.0.1:9
            depends_on=web
            [program:other]
            command=x
            """)
        XCTAssertEqual(result?.description, "depends_on makes a cycle: web -> db -> php -> web in section "
                           + "'fcgi-program:php' (at supervisord.conf:13)")
    }

    func testDependencyChainsWithoutCyclesLoad() throws {
        // A diamond: two paths to one program are no cycle.
        let config = try load(header + "[program:web]\ncommand=x\ndepends_on=api, worker\n[program:api]\ncommand=x\n"
                                  + "depends_on=db\n[program:worker]\ncommand=x\ndepends_on=db\n"
                                  + "[program:db]\ncommand=x\n"
                                  + "[program:migrate]\ncommand=x\nnumprocs=0\nprocess_name=%(process_num)d\n"
                                  + "[program:api2]\ncommand=x\ndepends_on=migrate:completed\n")
        XCTAssertEqual(config.process("api2")?.dependsOn, [Dependency(program: "migrate", condition: .completed)])
    }

    /// `web`'s config with these lines in its section.
    private func web(_ lines: [String]) throws -> ProcessConfig {
        let section = "[program:web]\ncommand=a\n" + lines.map { $0 + "\n" }.joined()
        return try XCTUnwrap(load(header + section + "[program:db]\ncommand=a\n").process("web"))
    }

    /// `reread` compares process configs: a change of any of the keys must make the program changed.
    func testEveryKeyChangesTheProcessConfig() throws {
        let original = try web([])
        for added in ["depends_on=db", "ready=tcp:80", "healthcheck=tcp:80", "watchdog_sec=3"] {
            XCTAssertNotEqual(try web([added]), original, added)
        }
        let checks = ["depends_on=db", "ready=tcp:80", "healthcheck=tcp:80"]
        let withChecks = try web(checks)
        XCTAssertEqual(try web(checks), withChecks)
        let changes = [
            "depends_on=db:completed", "ready=tcp:81", "healthcheck=tcp:81", "ready_timeout=61", "ready_interval=2",
            "healthcheck_interval=11", "healthcheck_timeout=6", "healthcheck_retries=4", "healthcheck_action=none",
        ]
        for change in changes {
            let key = change.split(separator: "=")[0]
            let lines = checks.filter { !$0.hasPrefix(key + "=") } + [change]
            XCTAssertNotEqual(try web(lines), withChecks, change)
        }
    }
}
