import Glibc
import XCTest

@testable import SupervisorCore

/// Reading /proc for /metrics: the stat line's fields, process trees, descriptors.
final class ProcessStatTests: XCTestCase {
    private func parse(_ line: String, pid: pid_t = 42) -> ProcessStat? {
        Array(line.utf8).withUnsafeBufferPointer { ProcessStat.parse($0, pid: pid) }
    }

    func testTheFieldsAfterTheLastParenthesis() {
        let line = "42 (a (b) c) S 7 42 42 0 -1 4194560 100 0 0 0 150 25 3 4 20 0 1 0 900 8192000 321 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0\n"
        XCTAssertEqual(parse(line), ProcessStat(pid: 42, parent: 7, ownTicks: 175, waitedTicks: 7, residentPages: 321))
    }

    func testATruncatedLineIsNothing() {
        XCTAssertNil(parse("42 (x) S 7 42 42 0 -1 4194560 100 0 0 0 150 25"))
        XCTAssertNil(parse("garbage"))
    }

    func testPathsUnderProc() {
        XCTAssertEqual(ProcPath.withPath(1234, "stat") { String(cString: $0) }, "1234/stat")
        XCTAssertEqual(ProcPath.withPath(7, "fd") { String(cString: $0) }, "7/fd")
    }

    func testTheTreeOfThisTestIncludesAChild() throws {
        var child: pid_t = 0
        let argv: [UnsafeMutablePointer<CChar>?] = [strdup("sleep"), strdup("30"), nil]
        defer { for arg in argv { free(arg) } }
        XCTAssertEqual(posix_spawnp(&child, "sleep", nil, nil, argv, environ), 0)
        defer {
            kill(child, SIGKILL)
            var status: Int32 = 0
            waitpid(child, &status, 0)
        }
        try waitUntilAsleep(child)
        let me = getpid()
        let alone = try XCTUnwrap(ProcessResources.current())
        XCTAssertGreaterThan(alone.cpuSeconds, 0)
        for scanning in [false, true] {
            let trees = ProcessResources.trees(of: [me, child, Int32.max - 1], scanning: scanning)
            let tree = try XCTUnwrap(trees[me])
            let sleep = try XCTUnwrap(trees[child])
            XCTAssertGreaterThan(sleep.residentBytes, 0)
            XCTAssertGreaterThanOrEqual(tree.residentBytes, sleep.residentBytes + alone.residentBytes / 2, "scanning: \(scanning)")
            XCTAssertGreaterThanOrEqual(tree.cpuSeconds, alone.cpuSeconds)
            XCTAssertNil(trees[Int32.max - 1])
        }
        XCTAssertEqual(ProcessResources.openDescriptors(of: child).map { $0 >= 3 }, true)
    }

    /// Until `pid` sleeps in its nanosleep: just after the exec its resident size may still
    /// read 0 (the kernel updates the counters in batches).
    private func waitUntilAsleep(_ pid: pid_t) throws {
        let deadline = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < deadline {
            if let stat = ProcFS.read("/proc/\(pid)/stat"), stat.hasPrefix("\(pid) (sleep) S") { return }
            sched_yield()
        }
        XCTFail("sleep \(pid) did not reach its nanosleep")
    }

    func testOpenDescriptorsOfThisProcessFollowAnOpen() throws {
        let before = try XCTUnwrap(ProcessResources.openDescriptors(of: getpid()))
        let fd = open("/dev/null", O_RDONLY)
        defer { close(fd) }
        XCTAssertEqual(ProcessResources.openDescriptors(of: getpid()), before + 1)
    }
}
