import Glibc
import NIOCore
import SupervisorConfig
import XCTest

@testable import SupervisorCore

/// The resource sampler's rounds on a test clock, with reads held until the test finishes
/// them, as a busy pool thread would: watchers leaving and coming while a read is in flight.
final class ResourceSamplerTests: EmbeddedSupervisorCase {
    /// Holds each read; `finishNext` answers it with one usage for every root.
    private final class HeldReader {
        var pending: [(roots: [pid_t], done: ((trees: [pid_t: ProcessUsage], at: NIODeadline)?) -> Void)] = []
        var reader: ResourceSampler.Reader { { [unowned self] roots, done in pending.append((roots, done)) } }

        func finishNext(_ usage: ProcessUsage, at time: NIODeadline) {
            let (roots, done) = pending.removeFirst()
            done((Dictionary(uniqueKeysWithValues: roots.map { ($0, usage) }), time))
        }
    }

    private let held = HeldReader()
    private var sampler: ResourceSampler { supervisor.resources }
    private var process: Subprocess!

    /// A running program `p` (a fake child), its sampler reading through `held`.
    override func setUp() {
        super.setUp()
        var program = ProcessConfig(name: "p", command: "/bin/true")
        program.startsecs = 0
        program.stdout.logfile = .none
        program.stderr.logfile = .none
        startSupervisor([GroupConfig(name: "p", priority: 999, processes: [program])])
        process = supervisor.groups["p"]!.processes[0]
        XCTAssertEqual(process.state, .running)
        sampler.reader = held.reader
    }

    override func tearDown() {
        process = nil
        super.tearDown()
    }

    private let usage = ProcessUsage(cpuSeconds: 10, residentBytes: 4 << 20)

    func testTheFirstWatcherHearsOfTheFirstRoundOnceReadAndALaterOneAtOnce() {
        let timers = supervisor.timers.count
        var first = 0, second = 0
        let token = sampler.watch { first += 1 }
        XCTAssertEqual(held.pending.map(\.roots), [[process.pid]])
        XCTAssertEqual(first, 0, "no figures before the read is back")
        XCTAssertNil(sampler.latest(of: process))
        held.finishNext(usage, at: loop.now)
        XCTAssertEqual(first, 1)
        XCTAssertEqual(sampler.latest(of: process)?.residentBytes, 4 << 20)
        XCTAssertNil(sampler.latest(of: process)?.cpuPercent, "CPU % needs two readings")
        let later = sampler.watch { second += 1 }
        XCTAssertEqual(second, 1, "the latest figures at once")
        XCTAssertTrue(held.pending.isEmpty, "no read of its own")
        // The next round, two seconds on: one CPU second over two is 50 %.
        loop.advanceTime(by: ResourceSampler.interval)
        XCTAssertEqual(held.pending.count, 1)
        held.finishNext(ProcessUsage(cpuSeconds: 11, residentBytes: 4 << 20), at: loop.now)
        XCTAssertEqual([first, second], [2, 2])
        XCTAssertEqual(sampler.latest(of: process)?.cpuPercent ?? 0, 50, accuracy: 0.01)
        sampler.unwatch(token)
        sampler.unwatch(later)
        XCTAssertEqual(supervisor.timers.count, timers, "no timer without watchers")
    }

    func testAReadInFlightWhenTheLastWatcherLeavesIsDroppedAndLeavesNoTimer() {
        let timers = supervisor.timers.count
        var rounds = 0
        sampler.unwatch(sampler.watch { rounds += 1 })
        XCTAssertEqual(held.pending.count, 1)
        held.finishNext(usage, at: loop.now)
        XCTAssertEqual(rounds, 0)
        XCTAssertNil(sampler.latest(of: process))
        XCTAssertTrue(sampler.history(of: process).isEmpty)
        XCTAssertEqual(supervisor.timers.count, timers, "no timer without watchers")
        loop.advanceTime(by: .seconds(60))
        XCTAssertTrue(held.pending.isEmpty, "nothing read while nobody watches")
    }

    func testAWatcherComingWhileAStoppedSessionsReadIsInFlightGetsAFreshRound() {
        let timers = supervisor.timers.count
        sampler.unwatch(sampler.watch {})
        var rounds = 0
        let token = sampler.watch { rounds += 1 }
        XCTAssertEqual(held.pending.count, 1, "never two reads in flight")
        held.finishNext(usage, at: loop.now)
        XCTAssertEqual(rounds, 0, "the stopped session's read is dropped")
        XCTAssertNil(sampler.latest(of: process))
        XCTAssertEqual(held.pending.count, 1, "the new session reads at once")
        XCTAssertEqual(supervisor.timers.count, timers, "no timer while reading")
        held.finishNext(usage, at: loop.now)
        XCTAssertEqual(rounds, 1)
        XCTAssertEqual(sampler.history(of: process).count, 1)
        XCTAssertEqual(supervisor.timers.count, timers + 1)
        sampler.unwatch(token)
        XCTAssertEqual(supervisor.timers.count, timers)
    }

    func testAFailedReadSkipsTheRoundButSamplingGoesOn() {
        var rounds = 0
        let token = sampler.watch { rounds += 1 }
        held.pending.removeFirst().done(nil)
        XCTAssertEqual(rounds, 0)
        loop.advanceTime(by: ResourceSampler.interval)
        held.finishNext(usage, at: loop.now)
        XCTAssertEqual(rounds, 1)
        sampler.unwatch(token)
    }
}
