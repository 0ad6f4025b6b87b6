import NIOCore
import SupervisorConfig
import XCTest

@testable import SupervisorCore

final class ProbeAttemptTests: XCTestCase {
    func testSecondsAreShownWithoutANeedlessFraction() {
        XCTAssertEqual(ProbeAttempt.secondsText(.seconds(5)), "5")
        XCTAssertEqual(ProbeAttempt.secondsText(.milliseconds(200)), "0.2")
        XCTAssertEqual(ProbeAttempt.secondsText(.milliseconds(2500)), "2.5")
    }

    func testAResultKnownAtOnceIsStillHandedOverAfterRunReturns() throws {
        let live = try LiveSupervisor()
        defer { try? live.shutdown() }
        let (calledInside, result) = try live.run { supervisor, process, _ in
            let promise = live.promise(of: ProbeResult.self)
            let returned = NIOLoopBound(Box(false), eventLoop: supervisor.eventLoop)
            let calledInside = NIOLoopBound(Box(false), eventLoop: supervisor.eventLoop)
            _ = ProbeRunner(supervisor: supervisor).run(.exec(command: "no-such-command-for-a-check"), for: process,
                                                         timeout: .seconds(5)) { result in
                calledInside.value.value = !returned.value.value
                promise.succeed(result)
            }
            returned.value.value = true
            return promise.futureResult.map { (calledInside.value.value, $0) }
        }
        XCTAssertFalse(calledInside)
        XCTAssertEqual(result, .failed("can't find command 'no-such-command-for-a-check'"))
    }
}
