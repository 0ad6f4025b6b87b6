import SupervisorCommon
import SupervisorCore

/// The numbered events of `/api/v1/events` (`state`, `group`, `health`, `supervisor`),
/// kept over the daemon's whole run (its restarts too, so ids only grow) with the last
/// `capacity` of them held for clients that reconnect with `Last-Event-ID`. It records
/// whether or not anyone is connected: a client that was away gets what it missed.
final class EventJournal {
    /// One recorded event, as its full SSE message.
    struct Entry {
        let id: Int
        let message: String
    }

    /// What a reconnecting client gets before the live events.
    struct Replay {
        /// The `lost` message when the client missed more than the buffer holds.
        let lost: String?
        let entries: [Entry]
    }

    static let capacity = 1000

    private var buffer = RingBuffer<Entry>(capacity: capacity)
    private var lastID = 0
    private let listeners = ObserverList<Entry>()

    /// Records the events of one daemon generation, from before its start on.
    func record(_ supervisor: Supervisor) {
        supervisor.events.subscribe { [unowned self] event in
            guard let (type, data) = Self.describe(event) else { return }
            lastID += 1
            let entry = Entry(id: lastID, message: ServerSentEvent.message(type, data, id: lastID))
            buffer.append(entry)
            listeners.notify(entry)
        }
    }

    /// The buffered events after `id`, and a `lost` message first when some of those are no
    /// longer held (or `id` is from another run of the daemon: higher than any given out).
    func replay(after id: Int) -> Replay {
        let held = buffer.elements
        let oldest = held.first?.id ?? lastID + 1
        if id + 1 < oldest || id > lastID {
            let lost = JSON.object([("from", "\(id)"), ("oldest", "\(oldest)")])
            return Replay(lost: ServerSentEvent.message("lost", lost), entries: held)
        }
        return Replay(lost: nil, entries: Array(held.drop { $0.id <= id }))
    }

    /// Calls `listener` with every event recorded from now on; returns the token for `stopListening`.
    func listen(_ listener: @escaping (Entry) -> Void) -> Int {
        listeners.add(listener)
    }

    func stopListening(_ token: Int) {
        listeners.remove(token)
    }

    /// The type and JSON data of an event the journal keeps; nil for the others.
    private static func describe(_ event: SupervisorEvent) -> (String, String)? {
        switch event {
        case .processState(let process, let from, let to, _):
            ("state", JSON.object(processFields(process) + [
                ("from", JSON.string(from.name)), ("to", JSON.string(to.name)), ("pid", "\(process.pid)"),
                ("time", timestamp(WallClock.now())),
            ]))
        case .processHealth(let process, let status):
            ("health", JSON.object(processFields(process) + [
                ("status", JSON.string(status.isUnhealthy ? "unhealthy" : "healthy")),
                ("reason", JSON.string(status.reason)),
            ]))
        case .processGroupAdded(let group):
            ("group", JSON.object([("group", JSON.string(group)), ("change", JSON.string("added"))]))
        case .processGroupRemoved(let group):
            ("group", JSON.object([("group", JSON.string(group)), ("change", JSON.string("removed"))]))
        case .supervisorStateChange(let state):
            ("supervisor", JSON.object([("state", JSON.string(state.name))]))
        default:
            nil
        }
    }

    static func processFields(_ process: Subprocess) -> [(String, String)] {
        [("name", JSON.string(process.name)), ("group", JSON.string(process.group.name))]
    }

    /// Unix seconds with milliseconds.
    static func timestamp(_ seconds: Double) -> String {
        "\((seconds * 1000).rounded() / 1000)"
    }
}

private extension HealthStatus {
    /// The last failed check's reason; empty when healthy.
    var reason: String {
        if case .unhealthy(_, let reason) = self { return reason }
        return ""
    }
}
