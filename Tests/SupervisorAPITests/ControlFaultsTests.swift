import SupervisorCommon
import XCTest

@testable import SupervisorAPI

/// Each control error becomes the reference's fault code and string, whichever way it
/// reaches the XML-RPC adapter (thrown as an `Error`, or in a batch's status entry).
final class ControlFaultsTests: XCTestCase {
    func testEveryControlErrorHasTheReferenceFault() {
        let cases: [(ControlError, FaultCode, String)] = [
            (.shuttingDown, .shutdownState, "SHUTDOWN_STATE"),
            (.badName("x"), .badName, "BAD_NAME: x"),
            (.badSignal("NOPE"), .badSignal, "BAD_SIGNAL: NOPE"),
            (.noFile(nil), .noFile, "NO_FILE"),
            (.noFile("/bin/nope"), .noFile, "NO_FILE: /bin/nope"),
            (.notExecutable("no permission"), .notExecutable, "NOT_EXECUTABLE: no permission"),
            (.failed(nil), .failed, "FAILED"),
            (.failed("x is in an unknown process state"), .failed, "FAILED: x is in an unknown process state"),
            (.abnormalTermination("x"), .abnormalTermination, "ABNORMAL_TERMINATION: x"),
            (.spawnError("x"), .spawnError, "SPAWN_ERROR: x"),
            (.alreadyStarted("x"), .alreadyStarted, "ALREADY_STARTED: x"),
            (.notRunning("x"), .notRunning, "NOT_RUNNING: x"),
            (.alreadyAdded("g"), .alreadyAdded, "ALREADY_ADDED: g"),
            (.stillRunning("g"), .stillRunning, "STILL_RUNNING: g"),
            (.cantReread("bad"), .cantReread, "CANT_REREAD: bad"),
            (.badArguments, .badArguments, "BAD_ARGUMENTS"),
        ]
        for (error, code, text) in cases {
            let thrown: Error = error
            XCTAssertEqual(RPCFault(thrown).code, code, "\(error)")
            XCTAssertEqual(RPCFault(thrown).text, text, "\(error)")
        }
    }

    func testAFaultCodeLiteralStaysAFaultCode() {
        // `.badArguments` names a case of both FaultCode and ControlError.
        XCTAssertEqual(RPCFault(.badArguments).text, "BAD_ARGUMENTS")
    }
}
