import SupervisorCommon
import XCTest

@testable import supervisorctl

final class TopTableTests: XCTestCase {
    private let report = #"""
    {"time": 1000.5, "processes": [
     {"name": "web", "group": "web", "state": "RUNNING", "pid": 10, "start": 900, "restarts": 2, "cpu_percent": 3.25, "rss_bytes": 52428800},
     {"name": "w_1", "group": "pool", "state": "RUNNING", "pid": 11, "start": 990, "restarts": 0, "cpu_percent": 97.0, "rss_bytes": 1048576},
     {"name": "idle", "group": "idle", "state": "STOPPED", "pid": 0, "start": 0, "restarts": 0, "cpu_percent": null, "rss_bytes": null}
    ]}
    """#

    private func table(_ order: TopTable.Order) throws -> TopTable {
        var table = TopTable()
        XCTAssertTrue(table.update(from: try JSONParser.parse(Array(report.utf8))))
        table.order = order
        return table
    }

    func testOrders() throws {
        XCTAssertEqual(try table(.cpu).sortedRows.map(\.namespec), ["pool:w_1", "web", "idle"])
        XCTAssertEqual(try table(.memory).sortedRows.map(\.namespec), ["web", "pool:w_1", "idle"])
        XCTAssertEqual(try table(.name).sortedRows.map(\.namespec), ["idle", "pool:w_1", "web"])
        XCTAssertEqual(try table(.uptime).sortedRows.map(\.namespec), ["web", "pool:w_1", "idle"])
        XCTAssertEqual(try table(.restarts).sortedRows.map(\.namespec), ["web", "idle", "pool:w_1"])
    }

    func testScreen() throws {
        let lines = try table(.cpu).lines(width: 80, height: 5)
        XCTAssertEqual(lines[0], "3 processes, by CPU")
        XCTAssertEqual(lines[2].split(separator: " "), ["NAME", "STATE", "UPTIME", "CPU%", "RSS", "RESTARTS"])
        XCTAssertEqual(lines[3].split(separator: " "), ["pool:w_1", "RUNNING", "0:00:10", "97.0", "1.0M", "0"])
        XCTAssertEqual(lines[4].split(separator: " "), ["web", "RUNNING", "0:01:40", "3.3", "50.0M", "2"])
        XCTAssertEqual(lines.count, 5, "rows beyond the height are left out")
        XCTAssertTrue(try table(.cpu).lines(width: 20, height: 10).allSatisfy { $0.count <= 20 })
    }

    func testSizes() {
        XCTAssertEqual(TopTable.size(812 * 1024), "812K")
        XCTAssertEqual(TopTable.size(12_900_000), "12.3M")
        XCTAssertEqual(TopTable.size(3 << 30), "3.0G")
    }

    func testNotAResourcesMessage() throws {
        var table = TopTable()
        XCTAssertFalse(table.update(from: try JSONParser.parse(Array(#"{"state": "RUNNING"}"#.utf8))))
    }
}
