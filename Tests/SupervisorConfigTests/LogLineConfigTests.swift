import XCTest
@testable import SupervisorConfig

/// The issue 16 line keys: `*_log_timestamps`, `*_log_timestamp_format`, `*_log_format`,
/// `*_log_line_max`, `*_log_prefix`, `*_log_prefix_color`.
final class LogLineConfigTests: XCTestCase {
    private let header = "[supervisord]\n"

    func testWithoutTheKeysLinesAreWrittenAsTheyCome() throws {
        let web = try XCTUnwrap(load(header + "[program:web]\ncommand=a\n").process("web"))
        for style in [web.stdout.lineStyle, web.stderr.lineStyle] {
            XCTAssertEqual(style, LogLineStyle())
            XCTAssertTrue(style.isPlain)
            XCTAssertEqual(style.timestampFormat, "%Y-%m-%d %H:%M:%S,%f")
            XCTAssertEqual(style.lineMax, 64 * 1024)
            XCTAssertEqual(style.prefixColor, .auto)
        }
    }

    func testEveryKeyRead() throws {
        let config = try load("""
            [supervisord]
            [program:web]
            command=a
            process_name=%(program_name)s_%(process_num)d
            numprocs=2
            environment=ROLE="api"
            stdout_log_timestamps=true
            stdout_log_timestamp_format="%H:%M:%S.%f "
            stdout_log_prefix="%(ENV_ROLE)s/%(group_name)s/%(program_name)s_%(process_num)02d | "
            stdout_log_prefix_color=ON
            stderr_log_format=JSON
            stderr_log_line_max=1KB
            [eventlistener:listener]
            command=a
            events=TICK_5
            stdout_log_timestamps=yes
            stderr_log_prefix=%%(not expanded)
            stderr_log_prefix_color=false
            [fcgi-program:php]
            command=a
            socket=tcp://127.0.0.1:9000
            stdout_log_format=json
            stdout_log_timestamp_format=%s

            """)
        let web = try XCTUnwrap(config.process("web", "web_1"))
        XCTAssertTrue(web.stdout.lineStyle.timestamps)
        XCTAssertEqual(web.stdout.lineStyle.timestampFormat, "%H:%M:%S.%f ", "as written, quotes removed")
        XCTAssertEqual(web.stdout.lineStyle.prefix, "api/web/web_01 | ")
        XCTAssertEqual(config.process("web", "web_0")?.stdout.lineStyle.prefix, "api/web/web_00 | ")
        XCTAssertEqual(web.stdout.lineStyle.prefixColor, .always)
        XCTAssertEqual(web.stdout.lineStyle.encoding, .text)
        XCTAssertEqual(web.stderr.lineStyle.encoding, .json)
        XCTAssertEqual(web.stderr.lineStyle.lineMax, 1024)
        XCTAssertFalse(web.stderr.lineStyle.isPlain)
        let listener = try XCTUnwrap(config.process("listener"))
        XCTAssertTrue(listener.stdout.lineStyle.timestamps)
        XCTAssertEqual(listener.stderr.lineStyle.prefix, "%(not expanded)")
        XCTAssertEqual(listener.stderr.lineStyle.prefixColor, .never)
        XCTAssertEqual(config.process("php")?.stdout.lineStyle.encoding, .json)
        XCTAssertEqual(config.process("php")?.stdout.lineStyle.timestampFormat, "%s")
        XCTAssertEqual(config.warnings, [], "the keys are known keys")
    }

    func testAnEmptyPrefixIsNoPrefix() throws {
        let web = try XCTUnwrap(load(header + "[program:web]\ncommand=a\nstdout_log_prefix=\"\"\n").process("web"))
        XCTAssertEqual(web.stdout.lineStyle.prefix, "")
        XCTAssertTrue(web.stdout.lineStyle.isPlain)
    }

    func testBadValuesNameTheirKeyAndLine() {
        let cases: [(String, String)] = [
            ("stdout_log_timestamps=sometimes", "not a valid boolean value: 'sometimes'"),
            ("stderr_log_format=xml", "invalid stderr_log_format value 'xml': expected one of text, json"),
            ("stdout_log_line_max=0", "invalid stdout_log_line_max value '0': expected a size above 0 in bytes, "
                + "or with a KB, MB or GB suffix, such as 512MB"),
            ("stdout_log_prefix_color=maybe", "invalid stdout_log_prefix_color value 'maybe': expected auto, true "
                + "or false"),
            ("stdout_log_timestamp_format=\"\"", "invalid stdout_log_timestamp_format value '': expected a strftime "
                + "format of 1 to 100 characters, %f for milliseconds, such as %Y-%m-%d %H:%M:%S,%f"),
            ("stdout_log_prefix=%(nope)s", "Format string '%(nope)s' for 'program:web.stdout_log_prefix' contains "
                + "names ('nope') which cannot be expanded. Available names: ENV_HOME, ENV_PATH, ENV_TMPDIR, "
                + "group_name, here, host_node_name, numprocs, process_num, program_name"),
        ]
        assertProgramKeyFailures(cases)
    }

    func testJSONLinesTakeNoTimestampOrPrefix() {
        for (key, value) in [("stdout_log_timestamps", "true"), ("stdout_log_prefix", "web | ")] {
            let result = loadFailure(header + "[program:web]\ncommand=a\n\(key)=\(value)\nstdout_log_format=json\n")
            XCTAssertEqual(result?.description, "\(key) cannot be used with stdout_log_format=json: each JSON line "
                               + "has the time and the program in its fields in section 'program:web' "
                               + "(at supervisord.conf:4)")
            XCTAssertEqual(result?.line, 4)
        }
    }

    func testTheKeysAreSuggestedForTypos() throws {
        let config = try load(header + "[program:web]\ncommand=a\nstdout_log_timestamp=true\nstderr_log_prefx=x\n")
        let suggestions = config.warnings.compactMap { $0.components(separatedBy: "did you mean ").last }
        XCTAssertEqual(suggestions, ["stdout_log_timestamps?", "stderr_log_prefix?"],
                       config.warnings.joined(separator: "\n"))
    }
}
