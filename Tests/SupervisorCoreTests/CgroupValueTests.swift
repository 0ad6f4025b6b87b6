import SupervisorConfig
import XCTest

@testable import SupervisorCore

/// The texts of cgroups: directory names, limit files, flat keyed files.
final class CgroupValueTests: XCTestCase {
    func testNamesKeepTheNamespecAndEscapeTheRest() {
        XCTAssertEqual(CgroupName.of("web"), "web")
        XCTAssertEqual(CgroupName.of("pool:web_0"), "pool:web_0")
        XCTAssertEqual(CgroupName.of("a-b@c+d=e,f"), "a-b@c+d=e,f")
        XCTAssertEqual(CgroupName.of("app.v2"), "app%2Ev2")
        XCTAssertEqual(CgroupName.of(".."), "%2E%2E")
        XCTAssertEqual(CgroupName.of("a/b c%"), "a%2Fb%20c%25")
        XCTAssertEqual(CgroupName.of("line\nbreak"), "line%0Abreak")
        XCTAssertEqual(CgroupName.of("é"), "%C3%A9")
        // Distinct namespecs, distinct names.
        XCTAssertNotEqual(CgroupName.of("a.b"), CgroupName.of("a_b"))
        XCTAssertNotEqual(CgroupName.of("a%2Eb"), CgroupName.of("a.b"))
    }

    func testCPUMaxIsAQuotaPerPeriodOfOneHundredMilliseconds() {
        XCTAssertEqual(CgroupLimit.cpuMaxText(0.5), "50000 100000")
        XCTAssertEqual(CgroupLimit.cpuMaxText(1.5), "150000 100000")
        XCTAssertEqual(CgroupLimit.cpuMaxText(2), "200000 100000")
        XCTAssertEqual(CgroupLimit.cpuMaxText(0.333333), "33333 100000")
        // The kernel's smallest quota is 1 ms.
        XCTAssertEqual(CgroupLimit.cpuMaxText(0.001), "1000 100000")
    }

    func testLimitsAreWrittenToTheirControllersFiles() {
        var limits = ResourceLimits()
        XCTAssertEqual(CgroupLimit.all(limits), [])
        limits.memoryMax = 256 * 1024 * 1024
        limits.cpuMax = 0.5
        limits.pidsMax = 100
        XCTAssertEqual(CgroupLimit.all(limits), [
            CgroupLimit(key: "memory_max", controller: "memory", file: "memory.max", value: "268435456"),
            CgroupLimit(key: "cpu_max", controller: "cpu", file: "cpu.max", value: "50000 100000"),
            CgroupLimit(key: "pids_max", controller: "pids", file: "pids.max", value: "100"),
        ])
    }

    func testFlatKeyedFilesAreReadByKey() {
        XCTAssertEqual(CgroupKeyedFile.parse("populated 1\nfrozen 0\n"), ["populated": 1, "frozen": 0])
        XCTAssertEqual(CgroupKeyedFile.parse("low 0\nhigh 0\nmax 12\noom 3\noom_kill 2\noom_group_kill 0\n")["oom_kill"], 2)
        XCTAssertEqual(CgroupKeyedFile.parse(""), [:])
        XCTAssertEqual(CgroupKeyedFile.parse("odd line here\nx y\n"), [:])
    }
}
