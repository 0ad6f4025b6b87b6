import Glibc
import NIOCore
import SupervisorCommon
import SupervisorCore

/// The /metrics document, read when scraped: node_exporter's supervisord collector's
/// series first (its dashboards and alerts keep working), then ours per process, per
/// event listener pool, and for the daemon itself (docs/compatibility.md lists them).
/// A scrape of thousands of processes must stay cheap: each process is read once into
/// plain values, which the loops over the families then copy without reference counting;
/// what comes from /proc was read before (`ResourceReadings`), away from the loop.
struct MetricsReport {
    let supervisor: Supervisor
    let activity: DaemonActivity

    /// What the families say about one process.
    private struct Figures {
        let state: ProcessState
        let pid: pid_t
        let exitStatus: Int
        let startTime: Int
        let counters: ProcessCounters
        let logged: StreamByteCounts
        /// nil without health checks or while not RUNNING.
        let healthy: Bool?
        /// node_exporter's `group` and `name`.
        let nodeLabels: MetricLabels
        /// Ours: `group` and `process`.
        let labels: MetricLabels

        /// node_exporter's "up": a child exists or is being made.
        var isUp: Bool { state == .starting || state == .running || state == .stopping }
    }

    func render(_ format: ExpositionFormat, _ readings: ResourceReadings) -> ByteBuffer {
        let groups = supervisor.orderedGroups
        let count = groups.reduce(0) { $0 + $1.processes.count }
        // About 1.5 KiB per process.
        var out = ExpositionWriter(format: format, capacity: 8192 + 1536 * count)
        var figures: [Figures] = []
        figures.reserveCapacity(count)
        for group in groups {
            for process in group.processes {
                let running = process.state == .running
                figures.append(Figures(
                    state: process.state, pid: process.pid, exitStatus: process.exitStatus ?? 0,
                    startTime: Int(process.lastStart), counters: process.counters, logged: process.logs.loggedBytes,
                    healthy: running && process.config.hasHealthChecks ? process.health?.isUnhealthy != true : nil,
                    nodeLabels: out.labels(["group": group.name, "name": process.name]),
                    labels: out.labels(["group": group.name, "process": process.name])))
            }
        }
        writeNodeExporterSeries(figures, to: &out)
        writeProcessSeries(figures, to: &out)
        writeResourceSeries(figures.filter { $0.pid != 0 }, readings, to: &out)
        writeListenerSeries(groups, to: &out)
        writeDaemonSeries(readings, to: &out)
        return out.finish()
    }

    /// node_exporter's names, help texts and values. Its start time was a counter, which
    /// the Prometheus linter and OpenMetrics accept only with a `_total` suffix: a gauge
    /// here keeps the name (PromQL does not look at the type).
    private func writeNodeExporterSeries(_ figures: [Figures], to out: inout ExpositionWriter) {
        out.family("node_supervisord_up", .gauge, help: "Process Up")
        for process in figures { out.sample(process.nodeLabels, value: process.isUp ? 1 : 0) }
        out.family("node_supervisord_state", .gauge, help: "Process State")
        for process in figures { out.sample(process.nodeLabels, value: process.state.rawValue) }
        out.family("node_supervisord_exit_status", .gauge, help: "Process Exit Status")
        for process in figures { out.sample(process.nodeLabels, value: process.exitStatus) }
        out.family("node_supervisord_start_time_seconds", .gauge, help: "Process start time")
        for process in figures where process.isUp { out.sample(process.nodeLabels, value: process.startTime) }
    }

    private func writeProcessSeries(_ figures: [Figures], to out: inout ExpositionWriter) {
        let states = ProcessState.allCases.map { ($0, out.labels(["state": $0.name])) }
        out.family("supervisord_process_state", .gauge,
                   help: "Whether the process is in this state: 1 for its state, 0 for the others.")
        for process in figures {
            for (state, labels) in states { out.sample(process.labels, labels, value: process.state == state ? 1 : 0) }
        }
        out.family("supervisord_process_restarts", .counter,
                   help: "Spawns of the process after its first (automatic restarts, retries and requested restarts).")
        for process in figures { out.sample(process.labels, value: process.counters.restarts) }
        out.family("supervisord_process_unexpected_exits", .counter,
                   help: "Exits not expected: an exit code not in exitcodes, an exit within startsecs, not ready in time.")
        for process in figures { out.sample(process.labels, value: process.counters.unexpectedExits) }
        out.family("supervisord_process_healthy", .gauge,
                   help: "For a RUNNING process with health checks: 0 once they found it unhealthy, else 1.")
        for process in figures {
            if let healthy = process.healthy { out.sample(process.labels, value: healthy ? 1 : 0) }
        }
        let streams = [OutputChannel.stdout, .stderr].map { ($0, out.labels(["stream": $0.rawValue])) }
        out.family("supervisord_log_bytes", .counter, help: "Bytes of the process's output written to its log, by stream.")
        for process in figures {
            for (stream, labels) in streams { out.sample(process.labels, labels, value: process.logged[stream]) }
        }
    }

    /// What the processes with a child use. A process that got its child after the
    /// readings has none in them, and no series in this scrape.
    private func writeResourceSeries(_ live: [Figures], _ readings: ResourceReadings, to out: inout ExpositionWriter) {
        let usage = readings.trees
        out.family("supervisord_process_cpu_seconds", .counter,
                   help: "User and system CPU time of the process and its descendants; starts over with each new child.")
        for process in live { if let tree = usage[process.pid] { out.sample(process.labels, value: tree.cpuSeconds) } }
        out.family("supervisord_process_resident_memory_bytes", .gauge,
                   help: "Resident memory of the process and its descendants.")
        for process in live { if let tree = usage[process.pid] { out.sample(process.labels, value: tree.residentBytes) } }
        out.family("supervisord_process_open_fds", .gauge, help: "File descriptors the process has open.")
        for process in live {
            if let count = readings.descriptors[process.pid] { out.sample(process.labels, value: count) }
        }
    }

    private func writeListenerSeries(_ groups: [ProcessGroup], to out: inout ExpositionWriter) {
        let pools = groups.compactMap { group in group.pool.map { (out.labels(["group": group.name]), $0) } }
        out.family("supervisord_listener_buffer_events", .gauge,
                   help: "Events an event listener pool holds for its listeners.")
        for (labels, pool) in pools { out.sample(labels, value: pool.bufferedEvents) }
        out.family("supervisord_listener_dropped_events", .counter,
                   help: "Events an event listener pool discarded because its buffer was full.")
        for (labels, pool) in pools { out.sample(labels, value: pool.droppedEvents) }
    }

    private func writeDaemonSeries(_ readings: ResourceReadings, to out: inout ExpositionWriter) {
        if let own = readings.daemon {
            out.family("supervisord_cpu_seconds", .counter, help: "User and system CPU time of supervisord itself.")
            out.sample(value: own.cpuSeconds)
            out.family("supervisord_resident_memory_bytes", .gauge, help: "Resident memory of supervisord itself.")
            out.sample(value: own.residentBytes)
        }
        if let count = readings.daemonDescriptors {
            out.family("supervisord_open_fds", .gauge, help: "File descriptors supervisord has open.")
            out.sample(value: count)
        }
        out.family("supervisord_start_time_seconds", .gauge, help: "When supervisord started, in seconds since the epoch.")
        out.sample(value: activity.startTime)
        out.family("supervisord_uptime_seconds", .gauge, help: "Seconds since supervisord started.")
        out.sample(value: WallClock.now() - activity.startTime)
        out.family("supervisord_reloads", .counter, help: "Restarts of supervisord in place (SIGHUP, supervisorctl reload).")
        out.sample(value: activity.reloads)
        out.family("supervisord_rpc_requests", .counter, help: "XML-RPC requests answered, by method and outcome (ok or the fault).")
        for (kind, count) in activity.rpcRequests.sorted(by: { $0.key < $1.key }) {
            out.sample(out.labels(["method": kind.method, "outcome": kind.outcome]), value: count)
        }
    }
}
