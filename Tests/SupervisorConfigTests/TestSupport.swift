import Glibc
import XCTest
@testable import SupervisorConfig

/// A scratch directory for config files, removed when the test ends.
final class TempDirectory {
    let path: String

    init() {
        var template = Array("/tmp/supervisor-config-test-XXXXXX".utf8CString)
        path = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)!) }
    }

    deinit {
        removeTree(path)
    }

    /// Writes `text` to `name` (relative to the directory, parents created) and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) -> String {
        let full = path + "/" + name
        makeDirectories(Paths.dirname(full))
        let file = fopen(full, "w")!
        fputs(text, file)
        fclose(file)
        return full
    }

    func makeDirectories(_ directory: String) {
        var current = ""
        for part in directory.split(separator: "/") {
            current += "/" + part
            mkdir(current, 0o755)
        }
    }

    private func removeTree(_ root: String) {
        guard let directory = opendir(root) else {
            unlink(root)
            return
        }
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
            if name == "." || name == ".." { continue }
            let child = root + "/" + name
            if Paths.isDirectory(child) { removeTree(child) } else { unlink(child) }
        }
        closedir(directory)
        rmdir(root)
    }
}

let testEnvironment = ["HOME": "/root", "PATH": "/usr/bin:/bin", "TMPDIR": "/tmp"]

/// Loads `text` as a main config file in a fresh directory.
func load(_ text: String, in directory: TempDirectory = TempDirectory(), name: String = "supervisord.conf",
          environment: [String: String] = testEnvironment) throws -> Configuration {
    let path = directory.write(name, text)
    return try ConfigLoader.load(path: path, environment: environment, hostName: "testhost")
}

/// The error loading `text` gives, failing the test when it loads.
func loadError(_ text: String, in directory: TempDirectory = TempDirectory(), name: String = "supervisord.conf",
               environment: [String: String] = testEnvironment, file: StaticString = #filePath,
               line: UInt = #line) -> ConfigError? {
    let path = directory.write(name, text)
    do {
        _ = try ConfigLoader.load(path: path, environment: environment, hostName: "testhost")
        XCTFail("expected an error", file: file, line: line)
        return nil
    } catch let error as ConfigError {
        return error
    } catch {
        XCTFail("unexpected error \(error)", file: file, line: line)
        return nil
    }
}

/// The one-line text (as supervisord prints it, the file named relative to its directory) and
/// the line of the error loading `text` gives.
func loadFailure(_ text: String, file: StaticString = #filePath, line: UInt = #line)
    -> (description: String, line: Int?)? {
    let directory = TempDirectory()
    guard let error = loadError(text, in: directory, file: file, line: line) else { return nil }
    let description = error.description.replacing(directory.path + "/", with: "")
    XCTAssertFalse(description.contains("\n"), description, file: file, line: line)
    return (description, error.line)
}

/// Checks that each `key=value` line, alone in `[program:web]` after its command, fails to load
/// with its message, placed at that line.
func assertProgramKeyFailures(_ cases: [(line: String, message: String)], file: StaticString = #filePath,
                              line: UInt = #line) {
    for (keyLine, message) in cases {
        let result = loadFailure("[supervisord]\n[program:web]\ncommand=a\n\(keyLine)\n", file: file, line: line)
        XCTAssertEqual(result?.description, message + " in section 'program:web' (at supervisord.conf:4)", keyLine,
                       file: file, line: line)
        XCTAssertEqual(result?.line, 4, keyLine, file: file, line: line)
    }
}

/// The message of the `InvalidValue` a value parser throws, or nil when it throws nothing.
func message(_ body: () throws -> Any) -> String? {
    do {
        _ = try body()
        return nil
    } catch let error as InvalidValue {
        return error.message
    } catch {
        return "unexpected \(error)"
    }
}

extension Configuration {
    func group(_ name: String) -> GroupConfig? { groups.first { $0.name == name } }
    func process(_ group: String, _ name: String? = nil) -> ProcessConfig? {
        self.group(group)?.processes.first { $0.name == (name ?? group) }
    }
}
