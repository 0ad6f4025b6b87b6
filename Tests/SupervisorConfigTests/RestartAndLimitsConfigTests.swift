import XCTest
@testable import SupervisorConfig

/// The issue 15 keys as a whole config file reads them: restart delays, `startretries=infinite`,
/// the resource limits, `environment_file` and `[supervisord] cgroups`.
final class RestartAndLimitsConfigTests: XCTestCase {
    private let header = "[supervisord]\n"

    func testWithoutTheKeysTheReferencesBehaviourIsKept() throws {
        let config = try load(header + "[program:web]\ncommand=a\n")
        let process = try XCTUnwrap(config.process("web"))
        XCTAssertEqual(process.startretries, 3)
        XCTAssertEqual(process.restartDelay, 0)
        XCTAssertEqual(process.restartDelayMax, 0)
        XCTAssertEqual(process.limits, ResourceLimits())
        XCTAssertNil(process.limits.memoryLimit)
        XCTAssertEqual(process.limits.memoryLimitAction, .restart)
        XCTAssertEqual(process.limits.memoryCheckInterval, 10)
        XCTAssertFalse(process.limits.hasCgroupLimits)
        XCTAssertEqual(process.environmentFiles, [])
        XCTAssertEqual(config.daemon.cgroups, .off)
    }

    func testEveryKeyRead() throws {
        let config = try load("""
            [supervisord]
            cgroups = AUTO
            [program:web]
            command=a
            startretries=Infinite
            restart_delay=0.5
            restart_delay_max=4
            memory_limit=50MB
            memory_limit_action=Stop
            memory_check_interval=2.5
            memory_max=1GB
            cpu_max=150%
            pids_max=100
            environment_file=/etc/app.env, -local.env ,-%(here)s/%(program_name)s.env
            [eventlistener:listener]
            command=a
            events=TICK_5
            memory_limit=1024
            [fcgi-program:php]
            command=a
            socket=tcp://127.0.0.1:9000
            cpu_max=12.5%
            environment_file=php.env

            """, in: TempDirectory())
        XCTAssertEqual(config.daemon.cgroups, .auto)
        let web = try XCTUnwrap(config.process("web"))
        XCTAssertEqual(web.startretries, Int.max)
        XCTAssertEqual(web.restartDelay, 0.5)
        XCTAssertEqual(web.restartDelayMax, 4)
        var limits = ResourceLimits()
        limits.memoryLimit = 50 << 20
        limits.memoryLimitAction = .stop
        limits.memoryCheckInterval = 2.5
        limits.memoryMax = 1 << 30
        limits.cpuMax = 1.5
        limits.pidsMax = 100
        XCTAssertEqual(web.limits, limits)
        let here = Paths.dirname(config.path)
        XCTAssertEqual(web.environmentFiles, [
            EnvironmentFile(path: "/etc/app.env"), EnvironmentFile(path: "local.env", isOptional: true),
            EnvironmentFile(path: here + "/web.env", isOptional: true),
        ])
        XCTAssertEqual(config.process("listener")?.limits.memoryLimit, 1024)
        XCTAssertEqual(config.process("php")?.limits.cpuMax, 0.125)
        XCTAssertEqual(config.process("php")?.environmentFiles, [EnvironmentFile(path: "php.env")])
        XCTAssertEqual(config.warnings, [], "the keys are known keys")
    }

    func testZeroDelaysAndCgroupsOnAndOff() throws {
        let web = try XCTUnwrap(load(header + "[program:web]\ncommand=a\nrestart_delay=0\nrestart_delay_max=0.0\n")
            .process("web"))
        XCTAssertEqual([web.restartDelay, web.restartDelayMax], [0, 0])
        XCTAssertEqual(try load("[supervisord]\ncgroups=on\n").daemon.cgroups, .on)
        XCTAssertEqual(try load("[supervisord]\ncgroups=off\n").daemon.cgroups, .off)
    }

    func testEnvironmentFilesAreExpandedPerProcess() throws {
        let config = try load(header + """
            [program:api]
            command=a
            process_name=%(program_name)s_%(process_num)d
            numprocs=2
            environment=SUFFIX="s%(process_num)d"
            environment_file=/etc/api/%(process_num)d.env, -/etc/api/%(ENV_SUFFIX)s.env

            """)
        XCTAssertEqual(config.process("api", "api_1")?.environmentFiles, [
            EnvironmentFile(path: "/etc/api/1.env"), EnvironmentFile(path: "/etc/api/s1.env", isOptional: true),
        ])
        XCTAssertEqual(config.process("api", "api_0")?.environmentFiles.first?.path, "/etc/api/0.env")
    }

    func testAnEmptyEnvironmentFileValueIsNoFile() throws {
        XCTAssertEqual(try load(header + "[program:web]\ncommand=a\nenvironment_file=\n").process("web")?
            .environmentFiles, [])
    }

    func testBadValuesNameTheirKeyAndLine() {
        let seconds = "a number of seconds from 0.001 to 1000000000, such as 5 or 0.5"
        let size = "expected a size above 0 in bytes, or with a KB, MB or GB suffix, such as 512MB"
        let cases: [(String, String)] = [
            ("startretries=forever", "invalid literal for int() with base 10: 'forever'"),
            ("restart_delay=-1", "invalid restart_delay value '-1': expected 0 or \(seconds)"),
            ("restart_delay=0.0001", "invalid restart_delay value '0.0001': expected 0 or \(seconds)"),
            ("restart_delay_max=1e3", "invalid restart_delay_max value '1e3': expected 0 or \(seconds)"),
            ("memory_limit=0", "invalid memory_limit value '0': \(size)"),
            ("memory_limit=50M", "invalid memory_limit value '50M': \(size)"),
            ("memory_limit_action=kill", "invalid memory_limit_action value 'kill': expected one of restart, stop"),
            ("memory_check_interval=0", "invalid memory_check_interval value '0': expected \(seconds)"),
            ("memory_max=-5MB", "invalid memory_max value '-5MB': \(size)"),
            ("cpu_max=50", "invalid cpu_max value '50': expected a percentage of one CPU above 0, such as 50% or 150%"),
            ("cpu_max=0%", "invalid cpu_max value '0%': expected a percentage of one CPU above 0, such as 50% or 150%"),
            ("cpu_max=2000000%", "invalid cpu_max value '2000000%': expected a percentage of one CPU above 0, "
                + "such as 50% or 150%"),
            ("pids_max=0", "invalid pids_max value '0': expected a whole number of processes, 1 or more"),
            ("environment_file=a.env,,b.env", "invalid environment_file value 'a.env,,b.env': expected file paths "
                + "separated by commas, each with an optional leading -"),
            ("environment_file=-", "invalid environment_file value '-': expected file paths separated by commas, "
                + "each with an optional leading -"),
        ]
        assertProgramKeyFailures(cases)
    }

    func testBadCgroupsValue() {
        let result = loadFailure("[supervisord]\nlogfile=/tmp/x.log\ncgroups=maybe\n")
        XCTAssertEqual(result?.description, "invalid cgroups value 'maybe': expected one of auto, on, off "
                           + "(at supervisord.conf:3)")
        XCTAssertEqual(result?.line, 3)
    }

    func testTheNewKeysAreSuggestedForTypos() throws {
        let config = try load(header + "[program:web]\ncommand=a\nenviroment_file=a.env\nrestart_dealy=1\n")
        let suggestions = config.warnings.compactMap { $0.components(separatedBy: "did you mean ").last }
        XCTAssertEqual(suggestions, ["environment_file?", "restart_delay?"], config.warnings.joined(separator: "\n"))
        let daemon = try load("[supervisord]\ncgroup=on\n")
        XCTAssertTrue(daemon.warnings.contains { $0.hasSuffix("did you mean cgroups?") }, daemon.warnings.joined())
    }
}
