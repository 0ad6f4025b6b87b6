import NIOCore
import NIOEmbedded
import XCTest

@testable import SupervisorCore

final class TimerQueueTests: XCTestCase {
    func testFiresInDeadlineOrderAndEqualDeadlinesInArmingOrder() {
        let loop = EmbeddedEventLoop()
        let timers = TimerQueue(eventLoop: loop)
        var fired: [String] = []
        timers.schedule(after: .seconds(3)) { fired.append("c") }
        timers.schedule(after: .seconds(1)) { fired.append("a1") }
        timers.schedule(after: .seconds(2)) { fired.append("b") }
        timers.schedule(after: .seconds(1)) { fired.append("a2") }
        loop.advanceTime(by: .milliseconds(999))
        XCTAssertEqual(fired, [])
        loop.advanceTime(by: .milliseconds(1))
        XCTAssertEqual(fired, ["a1", "a2"])
        loop.advanceTime(by: .seconds(5))
        XCTAssertEqual(fired, ["a1", "a2", "b", "c"])
        XCTAssertEqual(timers.count, 0)
    }

    func testCancelledTimersNeverFireAndCancellingTwiceIsHarmless() {
        let loop = EmbeddedEventLoop()
        let timers = TimerQueue(eventLoop: loop)
        var fired: [Int] = []
        let first = timers.schedule(after: .seconds(1)) { fired.append(1) }
        let second = timers.schedule(after: .seconds(2)) { fired.append(2) }
        timers.schedule(after: .seconds(3)) { fired.append(3) }
        timers.cancel(first)
        timers.cancel(first)
        loop.advanceTime(by: .seconds(2))
        timers.cancel(second)  // already fired
        loop.advanceTime(by: .seconds(2))
        XCTAssertEqual(fired, [2, 3])
    }

    func testWorkMayArmAndCancelOtherTimers() {
        let loop = EmbeddedEventLoop()
        let timers = TimerQueue(eventLoop: loop)
        var fired: [String] = []
        var doomed: TimerQueue.Entry?
        timers.schedule(after: .seconds(1)) {
            fired.append("first")
            timers.cancel(doomed!)
            timers.schedule(after: .zero) { fired.append("due at once") }
            timers.schedule(after: .seconds(1)) { fired.append("later") }
        }
        doomed = timers.schedule(after: .seconds(1)) { fired.append("doomed") }
        loop.advanceTime(by: .seconds(1))
        XCTAssertEqual(fired, ["first", "due at once"])
        loop.advanceTime(by: .seconds(1))
        XCTAssertEqual(fired, ["first", "due at once", "later"])
    }

    /// Many timers armed and cancelled at random: exactly the survivors fire, in order.
    func testRandomArmingAndCancellingKeepsTheOrder() {
        let loop = EmbeddedEventLoop()
        let timers = TimerQueue(eventLoop: loop)
        var generator = SystemRandomNumberGenerator()
        var fired: [(delay: Int64, id: Int)] = []
        var armed: [(timer: TimerQueue.Entry, delay: Int64, id: Int)] = []
        for id in 0..<2_000 {
            let delay = Int64.random(in: 1...500, using: &generator)
            let timer = timers.schedule(after: .milliseconds(delay)) { fired.append((delay, id)) }
            armed.append((timer, delay, id))
        }
        armed.shuffle(using: &generator)
        let cancelled = armed.prefix(1_000)
        for entry in cancelled { timers.cancel(entry.timer) }
        XCTAssertEqual(timers.count, 1_000)
        loop.advanceTime(by: .seconds(1))
        let expected = armed.dropFirst(1_000).sorted { ($0.delay, $0.id) < ($1.delay, $1.id) }.map(\.id)
        let order = fired.map(\.id)
        let firstDifference = zip(order, expected).enumerated().first { $0.element.0 != $0.element.1 }?.offset
        XCTAssertEqual(order.count, expected.count)
        XCTAssertNil(firstDifference, "fired out of order from position \(firstDifference ?? -1)")
        XCTAssertEqual(timers.count, 0)
    }
}
