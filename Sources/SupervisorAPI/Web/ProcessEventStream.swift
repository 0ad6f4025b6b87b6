import SupervisorCommon
import SupervisorCore

/// `/events`: Server-Sent Events for the status page. A snapshot of every process on
/// connect (so a page never misses a change made between its load and its
/// subscription, or while reconnecting), then one message per state change as the
/// supervisor publishes it. Nothing here polls.
enum ProcessEventStream {
    static func reply(_ supervisor: Supervisor) -> HTTPReply {
        let now = WallClock.now()
        // Tells EventSource to reconnect 2 s after the daemon goes away (restart, reload).
        var snapshot = "retry: 2000\n\n"
        for process in ProcessLookup(supervisor: supervisor).lexical {
            snapshot += message("process", ProcessRow(process, now: now).json)
        }
        return .stream(contentType: "text/event-stream", initial: Array(snapshot.utf8)) { send in
            let token = supervisor.events.subscribe { event in
                if let text = message(for: event) { send(Array(text.utf8)) }
            }
            return { supervisor.events.unsubscribe(token) }
        }
    }

    private static func message(for event: SupervisorEvent) -> String? {
        switch event {
        case .processState(let process, _, _, _), .processHealth(let process, _):
            message("process", ProcessRow(process, now: WallClock.now()).json)
        case .processGroupAdded, .processGroupRemoved:
            // The table's shape changed: the page reloads it.
            message("groups", "{}")
        case .supervisorStateChange(let state):
            message("supervisor", JSON.object([("statename", JSON.string(state.name))]))
        default:
            nil
        }
    }

    /// One SSE message; `data` is JSON, so it has no line breaks.
    private static func message(_ event: String, _ data: String) -> String {
        "event: \(event)\ndata: \(data)\n\n"
    }
}
