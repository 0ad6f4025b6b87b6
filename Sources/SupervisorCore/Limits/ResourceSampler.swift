import Glibc
import NIOCore
import NIOPosix
import SupervisorCommon

/// CPU % and resident memory of every running process's tree, read every two seconds,
/// but only while someone watches (an events client that asked for resources, a status
/// page): with no watcher there is no timer at all, so an idle daemon is never woken.
/// The readings are ProcessResources' tree walk, the one /metrics and `memory_limit` use,
/// done on a pool thread (with thousands of processes a round reads /proc for tens of
/// milliseconds, which the loop spends serving others); CPU % is the growth of the tree's
/// CPU seconds between two readings. Ten minutes of readings are kept per process (also
/// after the last watcher leaves, so a page that opens again gets its charts at once;
/// older ones are dropped when sampling resumes).
///
/// At most one read is in flight. Watchers may all leave and others come while it is: a
/// read belongs to the sampling session that started it, and the results of a session that
/// stopped are dropped (the new session then starts its own round once that read is back).
public final class ResourceSampler {
    /// Reads the trees of `roots` away from the event loop and hands back, on the loop,
    /// each root's usage and when it was read; nil when it could not read.
    typealias Reader = (_ roots: [pid_t], _ done: @escaping ((trees: [pid_t: ProcessUsage], at: NIODeadline)?) -> Void) -> Void

    public static let interval: TimeAmount = .seconds(2)
    /// Seconds of history kept per process.
    public static let historySeconds = 600.0
    private static let historyLength = Int(historySeconds / (Double(interval.nanoseconds) / 1e9))

    /// What the CPU figure of the next reading is computed from.
    private struct Reading {
        let pid: pid_t
        let cpuSeconds: Double
        let uptimeSeconds: Double
    }

    private unowned let supervisor: Supervisor
    /// Called after every round of readings.
    private let watchers = ObserverList<Void>()
    private var watcherCount = 0
    /// Counts the times sampling started: the session a read in flight belongs to.
    private var session = 0
    private var isReading = false
    private var timer: TimerQueue.Entry?
    private var lastReadings: [ProcessKey: Reading] = [:]
    private var histories: [ProcessKey: RingBuffer<ResourceSample>] = [:]
    /// The latest reading of each process that had a child in the last round.
    private var current: [ProcessKey: ResourceSample] = [:]
    /// Whether this session had a round yet.
    private var hasFigures = false

    /// How a round reads /proc; tests hold the reads to finish them when they choose.
    var reader: Reader

    init(supervisor: Supervisor) {
        self.supervisor = supervisor
        reader = Self.threadPoolReader(on: supervisor.eventLoop)
    }

    /// Reads on the shared NIO thread pool, answering on `loop`.
    private static func threadPoolReader(on loop: EventLoop) -> Reader {
        { roots, done in
            let read = NIOThreadPool.singleton.runIfActive(eventLoop: loop) { (ProcessResources.trees(of: roots), NIODeadline.now()) }
            read.assumeIsolated().whenComplete { result in done(try? result.get()) }
        }
    }

    /// Whether readings are being taken.
    public var isSampling: Bool { watcherCount > 0 }

    /// Adds a watcher; the first starts sampling with a round of readings at once (their CPU
    /// figures come with the next round). `afterRound` runs after every round from now on,
    /// and here already when sampling runs and has figures, so a watcher hears of the
    /// latest figures as soon as there are any. Returns the token for `unwatch`.
    public func watch(afterRound: @escaping () -> Void) -> Int {
        watcherCount += 1
        let token = watchers.add(afterRound)
        if watcherCount == 1 {
            session += 1
            supervisor.log.debug("resource sampling started")
            if !isReading { startRound() }
        } else if hasFigures {
            afterRound()
        }
        return token
    }

    /// Removes a watcher; with the last one the timer goes.
    public func unwatch(_ token: Int) {
        watchers.remove(token)
        watcherCount -= 1
        guard watcherCount == 0 else { return }
        if let timer { supervisor.timers.cancel(timer) }
        timer = nil
        // CPU % needs two readings close together: the next session starts afresh.
        lastReadings = [:]
        current = [:]
        hasFigures = false
        supervisor.log.debug("resource sampling stopped")
    }

    /// The last round's reading of `process`; nil when it had no child then.
    public func latest(of process: Subprocess) -> ResourceSample? {
        current[ProcessKey(process)]
    }

    /// The kept readings of `process`, oldest first.
    public func history(of process: Subprocess) -> [ResourceSample] {
        histories[ProcessKey(process)]?.elements ?? []
    }

    /// Reads the trees of the processes with a child now, off the loop.
    private func startRound() {
        timer = nil
        isReading = true
        let roots = supervisor.livePids
        let session = session
        reader(roots) { [weak self] readings in self?.finishRound(of: session, readings) }
    }

    /// Takes a round's readings, unless its session stopped: then a session started since
    /// reads afresh. A failed read skips the round.
    private func finishRound(of readSession: Int, _ readings: (trees: [pid_t: ProcessUsage], at: NIODeadline)?) {
        isReading = false
        guard isSampling else { return }
        guard readSession == session else { return startRound() }
        timer = supervisor.timers.schedule(after: Self.interval) { [weak self] in self?.startRound() }
        guard let readings else { return }
        apply(readings.trees, uptime: Double(readings.at.uptimeNanoseconds) / 1e9)
        watchers.notify(())
    }

    /// Records the readings of every process whose child is still the one read.
    private func apply(_ trees: [pid_t: ProcessUsage], uptime: Double) {
        let time = WallClock.now()
        let processes = supervisor.groups.values.flatMap(\.processes)
        var readings: [ProcessKey: Reading] = [:]
        var samples: [ProcessKey: ResourceSample] = [:]
        for process in processes {
            let key = ProcessKey(process)
            guard process.pid > 0, let usage = trees[process.pid] else { continue }
            let reading = Reading(pid: process.pid, cpuSeconds: usage.cpuSeconds, uptimeSeconds: uptime)
            readings[key] = reading
            let sample = ResourceSample(time: time, cpuPercent: Self.cpuPercent(from: lastReadings[key], to: reading),
                                        residentBytes: usage.residentBytes)
            samples[key] = sample
            histories[key, default: RingBuffer(capacity: Self.historyLength)].append(sample)
        }
        lastReadings = readings
        current = samples
        hasFigures = true
        forgetGone(processes, before: time - Self.historySeconds)
    }

    /// Drops readings older than the kept history and the histories of processes that are gone.
    private func forgetGone(_ processes: [Subprocess], before oldest: Double) {
        let present = Set(processes.map(ProcessKey.init))
        if histories.keys.contains(where: { !present.contains($0) }) { histories = histories.filter { present.contains($0.key) } }
        for key in histories.keys { histories[key]!.removeOldest { $0.time < oldest } }
    }

    /// Percent of one core used between two readings of the same child; nil without an
    /// earlier reading of it. A tree can lose CPU seconds (a member exits unwaited): 0 then.
    private static func cpuPercent(from earlier: Reading?, to later: Reading) -> Double? {
        guard let earlier, earlier.pid == later.pid, later.uptimeSeconds > earlier.uptimeSeconds else { return nil }
        return max(0, (later.cpuSeconds - earlier.cpuSeconds) / (later.uptimeSeconds - earlier.uptimeSeconds) * 100)
    }

    /// A process by group and name: the same process across a group's removal and re-adding.
    private struct ProcessKey: Hashable {
        let group: String
        let name: String

        init(_ process: Subprocess) {
            group = process.group.name
            name = process.name
        }
    }
}
