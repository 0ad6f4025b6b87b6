import XCTest
@testable import SupervisorConfig

final class SectionTests: XCTestCase {
    func testUnknownSectionTypeIsAnErrorNamingFileAndLine() throws {
        let directory = TempDirectory()
        let error = try XCTUnwrap(loadError("[supervisord]\n\n[prgoram:x]\ncommand=a\n", in: directory))
        XCTAssertTrue(error.message.hasPrefix("unknown section type [prgoram:x]; sections are"), error.message)
        XCTAssertTrue(error.description.hasSuffix(" (at \(directory.path)/supervisord.conf:3)"), error.description)
        XCTAssertEqual(error.line, 3)
        XCTAssertEqual(loadError("[supervisord]\n[program]\ncommand=a\n")?.line, 2)
    }

    func testSectionWithoutNameIsAnError() {
        XCTAssertTrue(loadError("[supervisord]\n[program:]\ncommand=a\n")?.message
            .hasPrefix("section [program:] has no name after program:") ?? false)
    }

    func testCtlpluginAndRPCInterfaceSections() throws {
        let config = try load("[supervisord]\n[ctlplugin:x]\nsupervisor.ctl_factory=a.b:c\n"
                                  + "[rpcinterface:supervisor]\nsupervisor.rpcinterface_factory="
                                  + "supervisor.rpcinterface:make_main_rpcinterface\nretries=2\n")
        XCTAssertEqual(config.rpcInterfaces, ["supervisor"])
        XCTAssertEqual(config.warnings.count, 1)
        let error = loadError("[supervisord]\n[rpcinterface:x]\nsupervisor.rpcinterface_factory=my.module:make\n")
        XCTAssertEqual(error?.message, "my.module:make cannot be resolved within [rpcinterface:x]: Python import "
                           + "paths are not supported, only supervisor.rpcinterface:make_main_rpcinterface")
        XCTAssertEqual(error?.line, 3)
    }

    func testResultHandlerOtherThanTheDefaultIsRefused() {
        let error = loadError("[supervisord]\n[eventlistener:e]\ncommand=a\nevents=TICK_5\nresult_handler=x.y:z\n")
        XCTAssertEqual(error?.message, "x.y:z cannot be resolved within [eventlistener:e]: Python import paths are "
                           + "not supported, only supervisor.dispatchers:default_handler")
        XCTAssertEqual(error?.line, 5)
    }

    func testErrorLinesPointAtTheKey() {
        let error = loadError("[supervisord]\n\n[program:x]\ncommand=a\n\nstopsignal=FOO\n")
        XCTAssertEqual(error?.line, 6)
        XCTAssertEqual(error?.message.hasPrefix("value 'FOO' is not a valid signal name in section 'program:x'"), true)
        // A missing key is reported at its section's header.
        XCTAssertEqual(loadError("[supervisord]\n[program:x]\nautostart=true\n")?.line, 2)
    }

    func testGroupsClaimTheirPrograms() throws {
        let config = try load("[supervisord]\n[group:g]\nprograms=a,b\npriority=1\n"
                                  + "[program:a]\ncommand=a\n[program:b]\ncommand=b\n[program:c]\ncommand=c\n")
        XCTAssertEqual(config.groups.map(\.name), ["g", "c"])
        XCTAssertEqual(config.group("g")?.processes.map(\.name), ["a", "b"])
    }

    func testDuplicateGroupNamesKeepTheFirst() throws {
        let config = try load("[supervisord]\n[group:a]\nprograms=b\n[program:a]\ncommand=a\n[program:b]\ncommand=b\n")
        XCTAssertEqual(config.groups.map(\.name), ["a"])
        XCTAssertEqual(config.group("a")?.processes.map(\.name), ["b"])
        XCTAssertEqual(config.warnings.count, 1)
    }

    func testDuplicateProcessNamesInAGroupAreAnError() {
        let error = loadError("[supervisord]\n[group:g]\nprograms=a,b\n"
                                  + "[program:a]\ncommand=a\nprocess_name=same\n[program:b]\ncommand=b\nprocess_name=same\n")
        XCTAssertEqual(error?.message.hasPrefix("[group:g] defines more than one process named same"), true)
    }

    func testEventListenerPool() throws {
        let config = try load("[supervisord]\n[eventlistener:ev]\ncommand=l\nevents=tick_5, PROCESS_STATE,TICK_5\n")
        let group = try XCTUnwrap(config.group("ev"))
        XCTAssertEqual(group.priority, -1)
        XCTAssertEqual(group.kind, .eventListenerPool(EventListenerPoolConfig(events: ["TICK_5", "PROCESS_STATE"])))
        XCTAssertEqual(group.processes.first?.priority, 999)
    }

    func testFastCGISocketOwnerDefaultsToTheProgramUser() throws {
        guard getuid() == 0 else { return }
        let config = try load("[supervisord]\n[fcgi-program:f]\ncommand=f\nsocket=unix:///tmp/f.sock\nuser=nobody\n")
        guard case .fastCGI(let socket) = config.group("f")?.kind else { return XCTFail("not fcgi") }
        let nobody = try XCTUnwrap(Accounts.user(named: "nobody"))
        XCTAssertEqual(socket.owner?.0, nobody.uid)
        XCTAssertEqual(socket.owner?.1, nobody.gid)
        XCTAssertEqual(socket.mode, 0o700)
    }

    func testDaemonEnvironmentIsKeptUnderEachProgramsOwn() throws {
        // Two layers, because the environment files go between them at spawn time.
        let config = try load("[supervisord]\nenvironment=A=1,B=2\n[program:p]\ncommand=p\nenvironment=B=3,C=4\n")
        let process = try XCTUnwrap(config.process("p"))
        XCTAssertEqual(process.supervisordEnvironment.map { "\($0.name)=\($0.value)" }, ["A=1", "B=2"])
        XCTAssertEqual(process.environment.map { "\($0.name)=\($0.value)" }, ["B=3", "C=4"])
    }

    func testUserIsResolved() throws {
        let config = try load("[supervisord]\nuser=root\n[program:p]\ncommand=p\nuser=0\n")
        XCTAssertEqual(config.daemon.userSpec, UserSpec(name: "root", uid: 0, gid: 0))
        XCTAssertEqual(config.process("p")?.user, UserSpec(name: "0", uid: 0, gid: 0))
        let error = loadError("[supervisord]\nuser=nosuchuserxx\n")
        XCTAssertEqual(error?.message, "Invalid user name nosuchuserxx")
        XCTAssertEqual(error?.line, 2)
    }

    func testBadSupervisorctlSectionDoesNotStopTheDaemon() throws {
        let config = try load("[supervisord]\n[supervisorctl]\nserverurl=%(nope)s\n")
        XCTAssertNil(config.control)
        XCTAssertEqual(config.warnings.count, 1)
    }

    func testMissingFileAndSupervisordSection() {
        XCTAssertThrowsError(try ConfigLoader.load(path: "/nonexistent/s.conf", environment: [:], hostName: "h")) {
            XCTAssertEqual(($0 as? ConfigError)?.message, "could not find config file /nonexistent/s.conf")
        }
        XCTAssertEqual(loadError("[program:x]\ncommand=a\n")?.message, ".ini file does not include supervisord section")
    }
}
