import SupervisorCommon
import SupervisorCore

/// The `resources` message of the event streams (`/api/v1/events?resources=1` and the
/// status page's `/events?resources=1`): every process with the sampler's latest CPU % and
/// resident memory of its tree (null when it has no child), and the page's `history`
/// message: the readings kept for its charts.
enum ResourceReport {
    static func message(_ supervisor: Supervisor) -> String {
        let sampler = supervisor.resources
        let processes = ProcessLookup(supervisor: supervisor).lexical.map { process in
            let sample = sampler.latest(of: process)
            return JSON.object(EventJournal.processFields(process) + [
                ("state", JSON.string(process.state.name)),
                ("pid", "\(process.pid)"),
                ("start", "\(ProcessInfoEncoding.capped(process.lastStart))"),
                ("restarts", "\(process.counters.restarts)"),
                ("cpu_percent", percent(sample?.cpuPercent)),
                ("rss_bytes", sample.map { "\($0.residentBytes)" } ?? "null"),
            ])
        }
        let data = JSON.object([("time", EventJournal.timestamp(WallClock.now())), ("processes", list(processes))])
        return ServerSentEvent.message("resources", data)
    }

    /// At most this many readings per process go into the `history` message (a chart is a
    /// few hundred pixels wide; all ten minutes of thousands of processes would be megabytes).
    static let historyPoints = 120

    /// `{"processes": [{"name", "group", "samples": [[time, cpu_percent, rss_bytes], …]}]}`,
    /// oldest first: the kept readings, evenly thinned to `historyPoints`, the newest kept.
    static func historyMessage(_ supervisor: Supervisor) -> String {
        let sampler = supervisor.resources
        let processes = ProcessLookup(supervisor: supervisor).lexical.map { process in
            let samples = evenlySpaced(sampler.history(of: process), count: historyPoints).map { sample in
                "[\(Int(sample.time)),\(percent(sample.cpuPercent)),\(sample.residentBytes)]"
            }
            return JSON.object(EventJournal.processFields(process) + [("samples", list(samples))])
        }
        return ServerSentEvent.message("history", JSON.object([("processes", list(processes))]))
    }

    /// `count` of `items` at even steps ending with the last (all of them when there are no more).
    static func evenlySpaced<Item>(_ items: [Item], count: Int) -> [Item] {
        guard items.count > count else { return items }
        return (1...count).map { items[$0 * items.count / count - 1] }
    }

    /// One decimal; null when unknown.
    private static func percent(_ value: Double?) -> String {
        guard let value else { return "null" }
        return "\((value * 10).rounded() / 10)"
    }

    private static func list(_ items: [String]) -> String {
        "[" + items.joined(separator: ",") + "]"
    }
}
