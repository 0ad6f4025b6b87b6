import SupervisorCommon
import SupervisorCore

/// What /readyz reports. The daemon is ready while it runs (no shutdown or restart under
/// way) and every autostart process is ready: RUNNING and not found unhealthy by its
/// checks (`healthcheck=`, `watchdog_sec`), or, for a one-shot program, EXITED with one
/// of its `exitcodes` and not to be started again.
struct Readiness {
    let daemonState: SupervisorState
    private(set) var readyCount = 0
    private(set) var notReady: [Subprocess] = []

    init(_ supervisor: Supervisor) {
        daemonState = supervisor.state
        for group in supervisor.orderedGroups {
            for process in group.processes where process.config.autostart {
                if Self.isReady(process) { readyCount += 1 } else { notReady.append(process) }
            }
        }
    }

    var isReady: Bool { daemonState == .running && notReady.isEmpty }

    static func isReady(_ process: Subprocess) -> Bool {
        switch process.state {
        case .running:
            return process.health?.isUnhealthy != true
        case .exited:
            return process.wanted == .down && process.exitStatus.map(process.config.exitcodes.contains) == true
        default:
            return false
        }
    }

    /// `{"status":"ready","daemon":"RUNNING","ready":3,"not_ready":0}`; with `naming`, the
    /// processes that are not ready follow, each with its state (and health when unhealthy).
    func json(naming: Bool) -> String {
        var members = [
            ("status", JSON.string(isReady ? "ready" : "not ready")),
            ("daemon", JSON.string(daemonState.name)),
            ("ready", String(readyCount)),
            ("not_ready", String(notReady.count)),
        ]
        if naming {
            let entries = notReady.map { process in
                var fields = [("name", JSON.string(Namespec.format(group: process.group.name, name: process.name))),
                              ("state", JSON.string(process.state.name))]
                if let health = process.health, health.isUnhealthy {
                    fields.append(("health", JSON.string(health.text)))
                }
                return JSON.object(fields)
            }
            members.append(("processes", "[" + entries.joined(separator: ",") + "]"))
        }
        return JSON.object(members) + "\n"
    }
}
