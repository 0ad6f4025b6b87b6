import XCTest
@testable import SupervisorConfig

/// Every bad config the reference rejects is rejected here with the same message.
final class ReferenceErrorTests: XCTestCase {
    func testMessagesMatchTheReference() throws {
        for testCase in referenceErrorCases {
            let directory = TempDirectory()
            let path = directory.write("supervisord.conf", testCase.config)
            let expected = testCase.message?.replacing("{dir}", with: directory.path)
            do {
                _ = try ConfigLoader.load(path: path, environment: testEnvironment, hostName: "testhost")
                XCTAssertNil(expected, "\(testCase.id): loaded, but the reference says: \(expected ?? "")")
            } catch let error as ConfigError {
                XCTAssertEqual(error.message, expected, testCase.id)
                XCTAssertNotNil(error.file, "\(testCase.id): no file")
                if testCase.id != "no_supervisord" { XCTAssertNotNil(error.line, "\(testCase.id): no line") }
            }
        }
    }
}
