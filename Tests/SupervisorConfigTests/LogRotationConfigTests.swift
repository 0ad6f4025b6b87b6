import XCTest
@testable import SupervisorConfig

/// The issue 16 keys of rotation: `*_logfile_rotate`, `*_logfile_maxage`, `*_logfile_compress` per
/// channel and for the daemon's own log, and `[supervisord] logfile_format`.
final class LogRotationConfigTests: XCTestCase {
    /// A config with one program, `web`, whose keys follow.
    private let webProgram = "[supervisord]\n[program:web]\ncommand=a\n"

    func testWithoutTheKeysTheReferencesBehaviourIsKept() throws {
        let config = try load(webProgram)
        let web = try XCTUnwrap(config.process("web"))
        XCTAssertEqual(web.stdout.rotation, LogRotationPolicy())
        XCTAssertEqual(web.stderr.rotation, LogRotationPolicy())
        XCTAssertTrue(web.stdout.rotation.isReferenceBehaviour)
        XCTAssertEqual(config.daemon.logfileRotation, LogRotationPolicy())
        XCTAssertEqual(config.daemon.logfileFormat, .text)
    }

    func testEveryKeyRead() throws {
        let config = try load("""
            [supervisord]
            logfile_rotate = Daily
            logfile_maxage = 12h
            logfile_compress = true
            logfile_format = JSON
            [program:web]
            command=a
            stdout_logfile_rotate=hourly
            stdout_logfile_maxage=7d
            stdout_logfile_compress=yes
            stderr_logfile_rotate=daily
            stderr_logfile_maxage=90m
            [eventlistener:listener]
            command=a
            events=TICK_5
            stdout_logfile_maxage=30s
            [fcgi-program:php]
            command=a
            socket=tcp://127.0.0.1:9000
            stderr_logfile_compress=on
            stderr_logfile_maxage=none

            """)
        XCTAssertEqual(config.daemon.logfileRotation, LogRotationPolicy(period: .daily, maxAge: 43200, compress: true))
        XCTAssertEqual(config.daemon.logfileFormat, .json)
        let web = try XCTUnwrap(config.process("web"))
        XCTAssertEqual(web.stdout.rotation, LogRotationPolicy(period: .hourly, maxAge: 7 * 86400, compress: true))
        XCTAssertEqual(web.stderr.rotation, LogRotationPolicy(period: .daily, maxAge: 5400))
        XCTAssertEqual(config.process("listener")?.stdout.rotation, LogRotationPolicy(maxAge: 30))
        XCTAssertEqual(config.process("php")?.stderr.rotation, LogRotationPolicy(compress: true))
        XCTAssertEqual(config.warnings, [], "the keys are known keys")
    }

    func testMaxAgeUnits() throws {
        let cases: [(String, Int?)] = [("30s", 30), ("15m", 900), ("12h", 43200), (" 7D ", 604800), ("NONE", nil),
                                       ("11574d", 11574 * 86400)]
        for (text, seconds) in cases {
            XCTAssertEqual(try ExtensionValueParsers.maxAge(text, key: "k"), seconds, text)
        }
    }

    func testBadValuesNameTheirKeyAndLine() {
        let age = "expected a whole number above 0 followed by s, m, h or d (seconds, minutes, hours, days), such as 7d, "
            + "or none"
        let cases: [(String, String)] = [
            ("stdout_logfile_rotate=weekly", "invalid stdout_logfile_rotate value 'weekly': expected one of none, "
                + "daily, hourly"),
            ("stderr_logfile_maxage=7", "invalid stderr_logfile_maxage value '7': \(age)"),
            ("stdout_logfile_maxage=0d", "invalid stdout_logfile_maxage value '0d': \(age)"),
            ("stdout_logfile_maxage=-1d", "invalid stdout_logfile_maxage value '-1d': \(age)"),
            ("stdout_logfile_maxage=2w", "invalid stdout_logfile_maxage value '2w': \(age)"),
            ("stdout_logfile_maxage=1.5h", "invalid stdout_logfile_maxage value '1.5h': \(age)"),
            ("stdout_logfile_maxage=11575d", "invalid stdout_logfile_maxage value '11575d': \(age)"),
            ("stdout_logfile_compress=gzip", "not a valid boolean value: 'gzip'"),
        ]
        for (line, message) in cases {
            let result = loadFailure(webProgram + line + "\n")
            XCTAssertEqual(result?.description, message + " in section 'program:web' (at supervisord.conf:4)", line)
            XCTAssertEqual(result?.line, 4, line)
        }
        let daemonCases: [(String, String)] = [
            ("logfile_format=xml", "invalid logfile_format value 'xml': expected one of text, json"),
            ("logfile_rotate=monthly", "invalid logfile_rotate value 'monthly': expected one of none, daily, hourly"),
            ("logfile_maxage=1y", "invalid logfile_maxage value '1y': \(age)"),
        ]
        for (line, message) in daemonCases {
            let result = loadFailure("[supervisord]\nlogfile=/tmp/x.log\n\(line)\n")
            XCTAssertEqual(result?.description, message + " (at supervisord.conf:3)", line)
            XCTAssertEqual(result?.line, 3, line)
        }
    }

    func testTheNewKeysAreSuggestedForTypos() throws {
        let config = try load(webProgram + "stdout_logfile_rotat=daily\n")
        XCTAssertTrue(config.warnings.contains { $0.hasSuffix("did you mean stdout_logfile_rotate?") },
                      config.warnings.joined(separator: "\n"))
        let daemon = try load("[supervisord]\nlogfile_formats=json\n")
        XCTAssertTrue(daemon.warnings.contains { $0.hasSuffix("did you mean logfile_format?") },
                      daemon.warnings.joined(separator: "\n"))
    }
}
