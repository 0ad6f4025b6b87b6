import XCTest

@testable import supervisorctl

/// `restart`'s words: the rolling form and its usage errors; without its options the
/// words are the reference's `restart` arguments.
final class RollingRestartTests: XCTestCase {
    private func parse(_ line: String) throws -> RollingRestart? {
        try RollingRestart.parse(line.split(separator: " ").map(String.init))
    }

    private func usageError(_ line: String, file: StaticString = #filePath, line number: UInt = #line) -> String? {
        do {
            let request = try parse(line)
            XCTFail("\(line) parsed as \(String(describing: request))", file: file, line: number)
            return nil
        } catch {
            return (error as? RollingRestart.UsageError)?.message
        }
    }

    func testWithoutItsOptionsRestartIsTheReferences() throws {
        XCTAssertNil(try parse("pool:*"))
        XCTAssertNil(try parse("all"))
        XCTAssertNil(try parse("-x alpha"))
        XCTAssertNil(try RollingRestart.parse([]))
    }

    func testAGroupByNameOrStarWithAnOptionalBatchSize() throws {
        XCTAssertEqual(try parse("--rolling pool:*"), RollingRestart(group: "pool", batchSize: 1))
        XCTAssertEqual(try parse("--rolling pool"), RollingRestart(group: "pool", batchSize: 1))
        XCTAssertEqual(try parse("--rolling pool:"), RollingRestart(group: "pool", batchSize: 1))
        XCTAssertEqual(try parse("pool:* --rolling"), RollingRestart(group: "pool", batchSize: 1))
        XCTAssertEqual(try parse("--rolling --batch 2 pool:*"), RollingRestart(group: "pool", batchSize: 2))
        XCTAssertEqual(try parse("--batch=3 --rolling web"), RollingRestart(group: "web", batchSize: 3))
    }

    func testUsageErrors() {
        XCTAssertEqual(usageError("--rolling"), "Error: restart --rolling requires a group name")
        XCTAssertEqual(usageError("--rolling a:* b:*"), "Error: restart --rolling takes one group")
        XCTAssertEqual(usageError("--rolling pool:pool_1"),
                       "Error: restart --rolling takes a group (pool or pool:*), not the process pool_1")
        XCTAssertEqual(usageError("--rolling --fast pool:*"), "Error: unknown option --fast")
        XCTAssertEqual(usageError("--batch 2 pool:*"), "Error: --batch works with --rolling only")
        for bad in ["--rolling --batch 0 pool", "--rolling --batch x pool", "--rolling --batch=-1 pool", "--rolling pool --batch"] {
            XCTAssertEqual(usageError(bad), "Error: --batch requires a number of processes, 1 or more", bad)
        }
    }
}
