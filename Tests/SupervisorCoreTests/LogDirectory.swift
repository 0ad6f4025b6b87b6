import Foundation
import XCTest

/// A scratch directory for log files, removed when released: files with chosen contents and
/// modification times, and what is in them afterwards (gzip files decompressed by gzip(1)).
final class LogDirectory {
    let path: String

    init() {
        var template = Array((NSTemporaryDirectory() + "/log-rotation-XXXXXX").utf8CString)
        path = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)!) }
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    func file(_ name: String) -> String { path + "/" + name }

    /// Writes `text` to `name`, last modified `age` seconds ago (by the real clock).
    func write(_ name: String, _ text: String, age: TimeInterval = 0) {
        _ = FileManager.default.createFile(atPath: file(name), contents: Data(text.utf8))
        if age != 0 { setAge(name, age) }
    }

    func setAge(_ name: String, _ age: TimeInterval) {
        try? FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -age)],
                                               ofItemAtPath: file(name))
    }

    /// The names in the directory.
    func names() -> Set<String> {
        Set((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [])
    }

    /// The text of `name`, decompressed when it ends with `.gz`; nil when it cannot be read.
    func text(_ name: String) -> String? {
        guard name.hasSuffix(".gz") else {
            return FileManager.default.contents(atPath: file(name)).map { String(decoding: $0, as: UTF8.self) }
        }
        return gunzip(name).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The bytes gzip(1) decompresses from `name`; nil when it fails.
    func gunzip(_ name: String) -> Data? {
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/usr/bin/gzip")
        gzip.arguments = ["-dc", file(name)]
        let output = Pipe()
        gzip.standardOutput = output
        guard (try? gzip.run()) != nil else { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        gzip.waitUntilExit()
        return gzip.terminationStatus == 0 ? data : nil
    }
}

/// Runs `body` with the local time zone set to `zone` (a POSIX TZ string), then restores it.
func withTimeZone<T>(_ zone: String, _ body: () throws -> T) rethrows -> T {
    let saved = getenv("TZ").map { String(cString: $0) }
    setenv("TZ", zone, 1)
    tzset()
    defer {
        if let saved { setenv("TZ", saved, 1) } else { unsetenv("TZ") }
        tzset()
    }
    return try body()
}
