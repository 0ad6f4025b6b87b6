import Foundation
import Glibc
import SupervisorConfig
import XCTest

@testable import SupervisorCore

/// Reading `environment_file=` files at spawn time, with real files.
final class EnvironmentFileReaderTests: XCTestCase {
    private var directory = ""

    override func setUpWithError() throws {
        var template = Array((NSTemporaryDirectory() + "/environment-files-XXXXXX").utf8CString)
        directory = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)!) }
    }

    override func tearDownWithError() throws {
        try FileManager.default.removeItem(atPath: directory)
    }

    private func write(_ name: String, _ text: String) throws {
        try text.write(toFile: directory + "/" + name, atomically: false, encoding: .utf8)
    }

    private func read(_ files: [EnvironmentFile], directory: String?) -> Result<[String], SpawnFailure> {
        Result { () throws(SpawnFailure) in
            try EnvironmentFileReader.variables(of: files, directory: directory).map { "\($0.name)=\($0.value)" }
        }
    }

    private func failure(_ files: [EnvironmentFile], directory: String? = nil) -> String? {
        guard case .failure(let failure) = read(files, directory: directory) else { return nil }
        return failure.message
    }

    func testFilesAreReadInOrderRelativeToTheDirectory() throws {
        try write("a.env", "A=1\nSHARED=from a\n")
        try write("b.env", "export B='two'\nSHARED=\"from b\"\n")
        let files = [EnvironmentFile(path: "a.env"), EnvironmentFile(path: directory + "/b.env")]
        XCTAssertEqual(try read(files, directory: directory).get(), ["A=1", "SHARED=from a", "B=two", "SHARED=from b"])
    }

    func testWithoutADirectoryRelativePathsAreTheDaemonsWorkingDirectorys() throws {
        try write("c.env", "C=3\n")
        let previous = FileManager.default.currentDirectoryPath
        XCTAssertEqual(chdir(directory), 0)
        defer { _ = chdir(previous) }
        XCTAssertEqual(try read([EnvironmentFile(path: "c.env")], directory: nil).get(), ["C=3"])
    }

    func testAMissingOptionalFileIsSkippedAndAMissingRequiredOneFails() throws {
        try write("a.env", "A=1\n")
        let optional = [EnvironmentFile(path: "none.env", isOptional: true), EnvironmentFile(path: "a.env"),
                        EnvironmentFile(path: "no/such/dir.env", isOptional: true)]
        XCTAssertEqual(try read(optional, directory: directory).get(), ["A=1"])
        XCTAssertEqual(failure([EnvironmentFile(path: "a.env"), EnvironmentFile(path: "none.env")], directory: directory),
                       "environment file \(directory)/none.env: no such file")
    }

    func testASyntaxErrorNamesTheFileAndLineEvenInAnOptionalFile() throws {
        try write("bad.env", "A=1\n\nB='unclosed\n")
        XCTAssertEqual(failure([EnvironmentFile(path: directory + "/bad.env", isOptional: true)]),
                       "environment file \(directory)/bad.env line 3: no closing ' quote")
    }

    func testWhatIsNotARegularFileIsRefusedWithoutBlocking() throws {
        XCTAssertEqual(mkfifo(directory + "/fifo", 0o600), 0)
        XCTAssertEqual(failure([EnvironmentFile(path: "fifo")], directory: directory),
                       "environment file \(directory)/fifo: not a regular file")
        XCTAssertEqual(failure([EnvironmentFile(path: directory)]), "environment file \(directory): not a regular file")
    }

    func testAFileOverOneMebibyteIsRefused() throws {
        try write("big.env", "A=" + String(repeating: "x", count: EnvironmentFileReader.maxBytes))
        XCTAssertEqual(failure([EnvironmentFile(path: "big.env")], directory: directory),
                       "environment file \(directory)/big.env: larger than 1 MiB")
        try write("fits.env", "A=" + String(repeating: "x", count: EnvironmentFileReader.maxBytes - 2))
        XCTAssertEqual(try read([EnvironmentFile(path: "fits.env")], directory: directory).get().first?.count,
                       EnvironmentFileReader.maxBytes)
    }

    func testAFileThatCannotBeOpenedFailsWithTheSystemsReasonEvenWhenOptional() throws {
        XCTAssertEqual(symlink("loop.env", directory + "/loop.env"), 0)
        XCTAssertEqual(failure([EnvironmentFile(path: "loop.env", isOptional: true)], directory: directory),
                       "environment file \(directory)/loop.env: too many levels of symbolic links")
    }
}
