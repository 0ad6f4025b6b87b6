import SupervisorCommon
import SupervisorCore

/// What the web page shows of one process, taken at one moment: the same figures
/// and description as `getProcessInfo`, for the table and for live updates.
struct ProcessRow {
    let namespec: String
    let group: String
    let name: String
    let state: ProcessState
    let description: String
    /// What follows the uptime of a RUNNING process (STATUS= text, health), for live updates.
    let runningDetail: String
    let isUnhealthy: Bool
    let pid: Int32
    let start: Int
    let now: Int

    init(_ process: Subprocess, now: Double) {
        namespec = ProcessLookup.namespec(process)
        group = process.group.name
        name = process.name
        state = process.state
        pid = process.pid
        start = ProcessInfoEncoding.capped(process.lastStart)
        self.now = ProcessInfoEncoding.capped(now)
        runningDetail = ProcessInfoEncoding.runningDetail(process)
        if case .unhealthy = process.health { isUnhealthy = state == .running } else { isUnhealthy = false }
        description = ProcessInfoEncoding.description(process, start: start, stop: ProcessInfoEncoding.capped(process.lastStop), now: self.now)
    }

    /// The page's colour class: green running, red trouble, grey otherwise.
    var stateClass: String {
        switch state {
        case .running: "running"
        case .fatal, .backoff, .unknown: "error"
        case .starting, .stopping: "changing"
        case .stopped, .exited: "stopped"
        }
    }

    /// Which of the row's buttons apply, as the reference's page offers them
    /// (status.js repeats this rule for live updates).
    func offers(_ action: WebAction) -> Bool {
        switch action {
        case .start: state == .stopped || state == .exited || state == .fatal
        case .stop, .restart: state == .running
        case .clearLog: true
        case .stopAll, .restartAll, .rollingRestart: false
        }
    }

    /// The live-update message: client-side uptime needs pid, start and the server's clock.
    var json: String {
        JSON.object([
            ("namespec", JSON.string(namespec)),
            ("statename", JSON.string(state.name)),
            ("stateclass", JSON.string(stateClass)),
            ("description", JSON.string(description)),
            ("detail", JSON.string(runningDetail)),
            ("unhealthy", isUnhealthy ? "true" : "false"),
            ("pid", "\(pid)"),
            ("start", "\(start)"),
            ("now", "\(now)"),
        ])
    }
}
