import SupervisorCommon
import SupervisorCore

/// The numbered events of `/api/v1/events` (`state`, `group`, `health`, `supervisor`),
/// kept over the daemon's whole run (its restarts too, so ids only grow) with the last
/// `capacity` of them held for clients that reconnect with `Last-Event-ID`. It records
/// whether or not anyone is connected: a client that was away gets what it missed.
final class EventJournal {
    /// One recorded event. What it says is kept as values and made into its SSE message only
    /// when a client reads it: a fleet starting or stopping records thousands of events that
    /// no client may ever ask for.
    struct Entry {
        let id: Int
        let record: Record

        var message: String {
            let (type, data) = record.described
            return ServerSentEvent.message(type, data, id: id)
        }
    }

    /// An event the journal keeps, with what its message says taken when it happened.
    enum Record {
        case processState(name: String, group: String, from: ProcessState, to: ProcessState, pid: Int32, time: Double)
        case processHealth(name: String, group: String, status: HealthStatus)
        case groupAdded(String)
        case groupRemoved(String)
        case supervisorState(SupervisorState)

        /// Nil for the events the journal does not keep.
        init?(_ event: SupervisorEvent) {
            switch event {
            case .processState(let process, let from, let to, _):
                self = .processState(name: process.name, group: process.group.name, from: from, to: to,
                                     pid: process.pid, time: WallClock.now())
            case .processHealth(let process, let status):
                self = .processHealth(name: process.name, group: process.group.name, status: status)
            case .processGroupAdded(let group): self = .groupAdded(group)
            case .processGroupRemoved(let group): self = .groupRemoved(group)
            case .supervisorStateChange(let state): self = .supervisorState(state)
            default: return nil
            }
        }

        /// The event's type and JSON data.
        var described: (String, String) {
            switch self {
            case .processState(let name, let group, let from, let to, let pid, let time):
                ("state", JSON.object(processFields(name: name, group: group) + [
                    ("from", JSON.string(from.name)), ("to", JSON.string(to.name)), ("pid", "\(pid)"),
                    ("time", timestamp(time)),
                ]))
            case .processHealth(let name, let group, let status):
                ("health", JSON.object(processFields(name: name, group: group) + [
                    ("status", JSON.string(status.isUnhealthy ? "unhealthy" : "healthy")),
                    ("reason", JSON.string(status.reason)),
                ]))
            case .groupAdded(let group):
                ("group", JSON.object([("group", JSON.string(group)), ("change", JSON.string("added"))]))
            case .groupRemoved(let group):
                ("group", JSON.object([("group", JSON.string(group)), ("change", JSON.string("removed"))]))
            case .supervisorState(let state):
                ("supervisor", JSON.object([("state", JSON.string(state.name))]))
            }
        }
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
            guard let record = Record(event) else { return }
            lastID += 1
            let entry = Entry(id: lastID, record: record)
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

    static func processFields(_ process: Subprocess) -> [(String, String)] {
        processFields(name: process.name, group: process.group.name)
    }

    static func processFields(name: String, group: String) -> [(String, String)] {
        [("name", JSON.string(name)), ("group", JSON.string(group))]
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
