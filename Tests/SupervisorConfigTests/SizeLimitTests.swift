import Glibc
import XCTest
@testable import SupervisorConfig

/// Configurations no system could run, and files that never end, are errors before anything starts.
final class SizeLimitTests: XCTestCase {
    private let small = SystemLimits(processes: 100, processesSource: "kernel.pid_max",
                                     descriptors: 1000, descriptorsSource: "the hard RLIMIT_NOFILE")

    private func loadError(_ text: String, limits: SystemLimits) throws -> ConfigError {
        let directory = TempDirectory()
        let path = directory.write("supervisord.conf", text)
        do {
            _ = try ConfigLoader.load(path: path, environment: testEnvironment, hostName: "h", limits: limits)
        } catch let error as ConfigError {
            return error
        }
        throw XCTSkip("loaded")
    }

    private func program(_ name: String, numprocs: Int, type: String = "program") -> String {
        "[\(type):\(name)]\ncommand=a\nprocess_name=%(program_name)s%(process_num)d\nnumprocs=\(numprocs)\n"
            + (type == "fcgi-program" ? "socket=unix:///tmp/\(name).sock\n" : "")
    }

    func testTooManyProcessesIsAnErrorAtTheKeyThatCrossesTheLimit() throws {
        let error = try loadError("[supervisord]\n" + program("a", numprocs: 60) + program("b", numprocs: 41),
                                  limits: small)
        XCTAssertEqual(error.line, 9)
        XCTAssertTrue(error.message.hasPrefix("numprocs=41 is more processes than this system can run (101 in all; "
                                                  + "kernel.pid_max allows 100) in section 'program:b'"), error.message)
    }

    func testEachProcessNeedsADescriptorForItsStdin() throws {
        let limits = SystemLimits(processes: 1000, processesSource: "", descriptors: 50, descriptorsSource: "fs.nr_open")
        let error = try loadError("[supervisord]\n" + program("a", numprocs: 51), limits: limits)
        XCTAssertTrue(error.message.hasPrefix("numprocs=51 needs more descriptors than this system allows (at least 51"),
                      error.message)
        XCTAssertEqual(error.line, 5)
        // FastCGI processes read their program's socket instead.
        let directory = TempDirectory()
        let path = directory.write("s.conf", "[supervisord]\n" + program("f", numprocs: 51, type: "fcgi-program"))
        XCTAssertEqual(try ConfigLoader.load(path: path, environment: testEnvironment, hostName: "h", limits: limits)
            .groups.first?.processes.count, 51)
    }

    func testAHugeNumprocsFailsAtOnce() throws {
        let started = ContinuousClock.now
        let error = try loadError("[supervisord]\n" + program("a", numprocs: Int.max), limits: .current())
        XCTAssertEqual(error.line, 5)
        XCTAssertLessThan(ContinuousClock.now - started, .seconds(1))
    }

    func testThisSystemHasLimits() {
        let limits = SystemLimits.current()
        XCTAssertGreaterThan(limits.processes, 1)
        XCTAssertLessThan(limits.processes, Int.max, "kernel.pid_max is always there on Linux")
        XCTAssertGreaterThan(limits.descriptors, 2)
    }

    func testAnIncludedFileThatIsNotARegularFileIsAnError() throws {
        let directory = TempDirectory()
        let path = directory.write("supervisord.conf", "[supervisord]\n[include]\nfiles=/dev/zero\n")
        XCTAssertThrowsError(try ConfigLoader.load(path: path, environment: testEnvironment, hostName: "h")) { error in
            let error = error as? ConfigError
            XCTAssertEqual(error?.message, "included file /dev/zero is not a regular file; it is named in [include] files")
            XCTAssertEqual(error?.line, 3)
        }
        directory.makeDirectories(directory.path + "/conf.d/dir.conf")
        directory.write("s2.conf", "[supervisord]\n[include]\nfiles=conf.d/*.conf\n")
        XCTAssertThrowsError(try ConfigLoader.load(path: directory.path + "/s2.conf", environment: testEnvironment,
                                                   hostName: "h")) { error in
            XCTAssertTrue("\(error)".contains("conf.d/dir.conf is not a regular file"), "\(error)")
        }
    }

    func testTheMainFileMayBeAPipeButNotADevice() throws {
        XCTAssertThrowsError(try ConfigLoader.load(path: "/dev/zero", environment: testEnvironment, hostName: "h")) {
            XCTAssertEqual(($0 as? ConfigError)?.message, "config file /dev/zero is not a regular file")
        }
        let directory = TempDirectory()
        let fifo = directory.path + "/fifo.conf"
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        let writer = Thread {
            let file = fopen(fifo, "w")!
            fputs("[supervisord]\nidentifier=piped\n", file)
            fclose(file)
        }
        writer.start()
        XCTAssertEqual(try ConfigLoader.load(path: fifo, environment: testEnvironment, hostName: "h").daemon.identifier,
                       "piped")
    }
}
