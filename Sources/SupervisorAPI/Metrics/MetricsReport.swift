import Glibc
import SupervisorCommon
import SupervisorCore

/// The /metrics document, read when scraped: node_exporter's supervisord collector's
/// series first (its dashboards and alerts keep working), then ours per process, per
/// event listener pool, and for the daemon itself (docs/compatibility.md lists them).
struct MetricsReport {
    let supervisor: Supervisor
    let activity: DaemonActivity

    /// A process with its labels, rendered once for all its series.
    private struct Row {
        let process: Subprocess
        /// node_exporter's `group` and `name`.
        let nodeLabels: MetricLabels
        /// Ours: `group` and `process`.
        let labels: MetricLabels
    }

    func render(_ format: ExpositionFormat) -> [UInt8] {
        let rows = supervisor.orderedGroups.flatMap { group in
            group.processes.map { process in
                Row(process: process, nodeLabels: MetricLabels(["group": group.name, "name": process.name]),
                    labels: MetricLabels(["group": group.name, "process": process.name]))
            }
        }
        // About 1.5 KiB per process.
        var out = ExpositionWriter(format: format, capacity: 8192 + 1536 * rows.count)
        writeNodeExporterSeries(rows, to: &out)
        writeProcessSeries(rows, to: &out)
        writeResourceSeries(rows.filter { $0.process.pid != 0 }, to: &out)
        writeListenerSeries(to: &out)
        writeDaemonSeries(to: &out)
        return out.finish()
    }

    /// node_exporter's names, help texts and values. Its start time was a counter, which
    /// the Prometheus linter and OpenMetrics accept only with a `_total` suffix: a gauge
    /// here keeps the name (PromQL does not look at the type).
    private func writeNodeExporterSeries(_ rows: [Row], to out: inout ExpositionWriter) {
        out.family("node_supervisord_up", .gauge, help: "Process Up")
        for row in rows { out.sample(row.nodeLabels, value: Self.isUp(row.process) ? 1 : 0) }
        out.family("node_supervisord_state", .gauge, help: "Process State")
        for row in rows { out.sample(row.nodeLabels, value: row.process.state.rawValue) }
        out.family("node_supervisord_exit_status", .gauge, help: "Process Exit Status")
        for row in rows { out.sample(row.nodeLabels, value: row.process.exitStatus ?? 0) }
        out.family("node_supervisord_start_time_seconds", .gauge, help: "Process start time")
        for row in rows where Self.isUp(row.process) { out.sample(row.nodeLabels, value: Int(row.process.lastStart)) }
    }

    /// node_exporter's "up": a child exists or is being made.
    private static func isUp(_ process: Subprocess) -> Bool {
        [.starting, .running, .stopping].contains(process.state)
    }

    private func writeProcessSeries(_ rows: [Row], to out: inout ExpositionWriter) {
        out.family("supervisord_process_state", .gauge,
                   help: "Whether the process is in this state: 1 for its state, 0 for the others.")
        for row in rows {
            for (state, labels) in Self.stateLabels { out.sample(row.labels, labels, value: row.process.state == state ? 1 : 0) }
        }
        out.family("supervisord_process_restarts", .counter,
                   help: "Spawns of the process after its first (automatic restarts, retries and requested restarts).")
        for row in rows { out.sample(row.labels, value: row.process.counters.restarts) }
        out.family("supervisord_process_unexpected_exits", .counter,
                   help: "Exits not expected: an exit code not in exitcodes, an exit within startsecs, not ready in time.")
        for row in rows { out.sample(row.labels, value: row.process.counters.unexpectedExits) }
        out.family("supervisord_process_healthy", .gauge,
                   help: "For a RUNNING process with health checks: 0 once they found it unhealthy, else 1.")
        for row in rows where row.process.state == .running && row.process.config.hasHealthChecks {
            out.sample(row.labels, value: row.process.health?.isUnhealthy == true ? 0 : 1)
        }
        out.family("supervisord_log_bytes", .counter, help: "Bytes of the process's output written to its log, by stream.")
        for row in rows {
            for (stream, labels) in Self.streamLabels { out.sample(row.labels, labels, value: row.process.logs.loggedBytes[stream]) }
        }
    }

    /// What the processes with a child use, from /proc now.
    private func writeResourceSeries(_ live: [Row], to out: inout ExpositionWriter) {
        let usage = ProcessResources.trees(of: live.map(\.process.pid))
        out.family("supervisord_process_cpu_seconds", .counter,
                   help: "User and system CPU time of the process and its descendants; starts over with each new child.")
        for row in live { if let tree = usage[row.process.pid] { out.sample(row.labels, value: tree.cpuSeconds) } }
        out.family("supervisord_process_resident_memory_bytes", .gauge,
                   help: "Resident memory of the process and its descendants.")
        for row in live { if let tree = usage[row.process.pid] { out.sample(row.labels, value: tree.residentBytes) } }
        out.family("supervisord_process_open_fds", .gauge, help: "File descriptors the process has open.")
        for row in live {
            if let count = ProcessResources.openDescriptors(of: row.process.pid) { out.sample(row.labels, value: count) }
        }
    }

    private func writeListenerSeries(to out: inout ExpositionWriter) {
        let pools = supervisor.orderedGroups.compactMap { group in group.pool.map { (MetricLabels(["group": group.name]), $0) } }
        out.family("supervisord_listener_buffer_events", .gauge,
                   help: "Events an event listener pool holds for its listeners.")
        for (labels, pool) in pools { out.sample(labels, value: pool.bufferedEvents) }
        out.family("supervisord_listener_dropped_events", .counter,
                   help: "Events an event listener pool discarded because its buffer was full.")
        for (labels, pool) in pools { out.sample(labels, value: pool.droppedEvents) }
    }

    private func writeDaemonSeries(to out: inout ExpositionWriter) {
        if let own = ProcessResources.current() {
            out.family("supervisord_cpu_seconds", .counter, help: "User and system CPU time of supervisord itself.")
            out.sample(value: own.cpuSeconds)
            out.family("supervisord_resident_memory_bytes", .gauge, help: "Resident memory of supervisord itself.")
            out.sample(value: own.residentBytes)
        }
        if let count = ProcessResources.openDescriptors(of: getpid()) {
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
            out.sample(MetricLabels(["method": kind.method, "outcome": kind.outcome]), value: count)
        }
    }

    private static let stateLabels = ProcessState.allCases.map { ($0, MetricLabels(["state": $0.name])) }
    private static let streamLabels = [OutputChannel.stdout, .stderr].map { ($0, MetricLabels(["stream": $0.rawValue])) }
}
