import SupervisorCommon
import SupervisorCore

/// `/events`: Server-Sent Events for the status page. A snapshot of every process on
/// connect (so a page never misses a change made between its load and its
/// subscription, or while reconnecting), then one message per state change as the
/// supervisor publishes it. With `?resources=1` the page is a resource watcher: the
/// kept readings for its charts at once, then a `resources` message with the latest figures
/// and one per sampling round.
/// Nothing here polls.
enum ProcessEventStream {
    static func reply(_ supervisor: Supervisor, resources: Bool) -> HTTPReply {
        let now = WallClock.now()
        var snapshot = ServerSentEvent.retry
        for process in ProcessLookup(supervisor: supervisor).lexical {
            snapshot += ServerSentEvent.message("process", ProcessRow(process, now: now).json)
        }
        return .stream(contentType: "text/event-stream", initial: Array(snapshot.utf8)) { send in
            let token = supervisor.events.subscribe { event in
                if let text = message(for: event) { send(Array(text.utf8)) }
            }
            guard resources else { return { supervisor.events.unsubscribe(token) } }
            // The charts' history first; the latest figures follow as the sampler has them.
            send(Array(ResourceReport.historyMessage(supervisor).utf8))
            let sampling = supervisor.resources.watch { send(Array(ResourceReport.message(supervisor).utf8)) }
            return {
                supervisor.events.unsubscribe(token)
                supervisor.resources.unwatch(sampling)
            }
        }
    }

    private static func message(for event: SupervisorEvent) -> String? {
        switch event {
        case .processState(let process, _, _, _), .processHealth(let process, _):
            ServerSentEvent.message("process", ProcessRow(process, now: WallClock.now()).json)
        case .processGroupAdded, .processGroupRemoved:
            // The table's shape changed: the page reloads it.
            ServerSentEvent.message("groups", "{}")
        case .supervisorStateChange(let state):
            ServerSentEvent.message("supervisor", JSON.object([("statename", JSON.string(state.name))]))
        default:
            nil
        }
    }
}
