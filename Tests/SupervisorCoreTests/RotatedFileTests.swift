import XCTest

@testable import SupervisorCore

/// Which names are a log's rotated files, and their order.
final class RotatedFileTests: XCTestCase {
    private let log = "/var/log/app.log"

    private func parse(_ name: String) -> RotatedFile? { RotatedFile(name: name, logPath: log) }

    func testNumberedAndWindowedNames() throws {
        let cases: [(String, RotatedFile.Position, Bool, Bool)] = [
            ("app.log.1", .numbered(1), false, false),
            ("app.log.12.gz", .numbered(12), true, false),
            ("app.log.3.gz.tmp", .numbered(3), true, true),
            ("app.log.2026-12-01", .windowed(label: "2026-12-01", index: 0), false, false),
            ("app.log.2026-12-01T13.2.gz", .windowed(label: "2026-12-01T13", index: 2), true, false),
            ("app.log.2026-12-01.1.gz.tmp", .windowed(label: "2026-12-01", index: 1), true, true),
        ]
        for (name, position, compressed, partial) in cases {
            let file = try XCTUnwrap(parse(name), name)
            XCTAssertEqual(file.path, "/var/log/" + name)
            XCTAssertEqual(file.position, position, name)
            XCTAssertEqual(file.isCompressed, compressed, name)
            XCTAssertEqual(file.isPartial, partial, name)
        }
        XCTAssertEqual(parse("app.log.12.gz")?.uncompressedPath, "/var/log/app.log.12")
        XCTAssertEqual(parse("app.log.3.gz.tmp")?.uncompressedPath, "/var/log/app.log.3")
        XCTAssertEqual(RotatedFile(name: "x.log.1", logPath: "x.log")?.path, "x.log.1")
    }

    func testOtherNamesAreNotRotatedFiles() {
        let names = ["app.log", "app.log.", "app.log.0", "app.log.tmp", "app.log.1.tmp", "app.log.notes",
                     "app.log.2026-12-01.0", "app.log.2026-12-1", "app.log.2026-12-01T1", "app.log.2026-12-01 13",
                     "app.logx.1", "other.log.1", "app.log.1.2", "app.log.gz", "app.log.1.gz.gz", "app.log.-1"]
        for name in names { XCTAssertNil(parse(name), name) }
    }

    func testWindowedFilesOldestFirst() {
        let names = ["app.log.2026-12-02", "app.log.2026-12-01.2.gz", "app.log.2026-12-01", "app.log.2026-12-01.10",
                     "app.log.2026-12-01.1"]
        let sorted = names.compactMap(parse).sorted(by: RotatedFile.olderWindowed).map { $0.path.dropFirst(9) }
        XCTAssertEqual(sorted, ["app.log.2026-12-01", "app.log.2026-12-01.1", "app.log.2026-12-01.2.gz",
                                "app.log.2026-12-01.10", "app.log.2026-12-02"])
    }
}
