import XCTest
@testable import SupervisorConfig

/// Unknown keys are accepted with a warning each, with a suggestion when one is close.
final class KnownKeysTests: XCTestCase {
    func testMisspelledKeyIsWarnedAboutWithASuggestion() throws {
        let directory = TempDirectory()
        let config = try load("[supervisord]\n[program:x]\ncommand=a\nautorestrat=true\nnot_a_supervisor_key=1\n",
                              in: directory)
        let file = directory.path + "/supervisord.conf"
        XCTAssertEqual(config.warnings, [
            "[program:x] autorestrat is not a known key and is ignored (at \(file):4); did you mean autorestart?",
            "[program:x] not_a_supervisor_key is not a known key and is ignored (at \(file):5)",
        ])
        XCTAssertEqual(config.process("x")?.autorestart, .unexpected, "the misspelled key changes nothing")
    }

    func testEverySectionTypeIsChecked() throws {
        let config = try load("[supervisord]\nlogfiel=x\n[unix_http_server]\nfile=/tmp/s.sock\nchmd=0700\n"
                                  + "[inet_http_server]\nport=9001\nusrname=u\n"
                                  + "[supervisorctl]\nserverurl=unix:///tmp/s.sock\nhistroy_file=h\n"
                                  + "[program:a]\ncommand=a\n[group:g]\nprograms=a\nprioirty=1\n"
                                  + "[eventlistener:l]\ncommand=a\nevents=TICK_5\nbufer_size=3\n"
                                  + "[fcgi-program:f]\ncommand=a\nsocket=unix:///tmp/f.sock\nsocket_mod=0700\n")
        let suggestions = config.warnings.compactMap { $0.components(separatedBy: "did you mean ").last }
        XCTAssertEqual(suggestions, ["logfile?", "chmod?", "username?", "history_file?", "priority?", "buffer_size?",
                                     "socket_mode?"], config.warnings.joined(separator: "\n"))
    }

    func testKeysOfTheReferenceAndFreeFormSectionsAreNotWarnedAbout() throws {
        let config = try load("""
            [DEFAULT]
            anything=1
            [supervisord]
            profile_options=cumulative
            [program:x]
            command=a
            stdout_syslog=false
            stderr_capture_maxbytes=0
            serverurl=AUTO
            umask=022
            numprocs_start=0
            [ctlplugin:p]
            supervisor.ctl_factory=a.b:c
            any_option=1
            """)
        XCTAssertFalse(config.warnings.contains { $0.contains("not a known key") }, config.warnings.joined(separator: "\n"))
    }

    func testSuggestionsAreOnlyForCloseKeys() {
        XCTAssertEqual(TypoSuggestion.nearest(to: "autorestrat", among: KnownKeys.program), "autorestart")
        XCTAssertEqual(TypoSuggestion.nearest(to: "comand", among: KnownKeys.program), "command")
        XCTAssertEqual(TypoSuggestion.nearest(to: "usr", among: KnownKeys.program), "user")
        XCTAssertNil(TypoSuggestion.nearest(to: "restart_policy", among: KnownKeys.program))
        XCTAssertNil(TypoSuggestion.nearest(to: String(repeating: "x", count: 100_000), among: KnownKeys.program))
        XCTAssertEqual(TypoSuggestion.distance("ab", "ba"), 1)
        XCTAssertEqual(TypoSuggestion.distance("kitten", "sitting"), 3)
    }
}
