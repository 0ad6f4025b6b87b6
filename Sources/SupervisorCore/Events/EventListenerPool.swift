import SupervisorConfig

/// An `[eventlistener:x]` pool: buffers the events its listeners subscribed to and hands
/// each to the next RUNNING listener that said READY.
public final class EventListenerPool {
    let group: ProcessGroup
    let config: EventListenerPoolConfig
    private let subscriptions: [EventType]
    private unowned let supervisor: Supervisor
    private var buffer: [ListenerEvent] = []
    private var serial = -1
    /// Events discarded because the buffer was full (`buffer_size`).
    public private(set) var droppedEvents = 0

    init(group: ProcessGroup, config: EventListenerPoolConfig, supervisor: Supervisor) {
        self.group = group
        self.config = config
        self.supervisor = supervisor
        subscriptions = config.events.compactMap(EventType.init(rawValue:))
    }

    var name: String { group.name }
    /// Events waiting for a listener.
    public var bufferedEvents: Int { buffer.count }

    func subscribes(to type: EventType) -> Bool {
        subscriptions.contains { type.isKind(of: $0) }
    }

    /// Buffers an event (at the head when a listener gave it back), dropping the oldest when full.
    func accept(_ event: ListenerEvent, atHead: Bool = false) {
        if event.poolSerials[name] == nil {
            serial += 1
            event.poolSerials[name] = serial
        } else {
            supervisor.log.debug("rebuffering event \(event.serial ?? 0) for pool \(name) (buf size=\(buffer.count), max=\(config.bufferSize))")
        }
        if buffer.count >= config.bufferSize, !buffer.isEmpty {
            let discarded = buffer.removeFirst()
            droppedEvents += 1
            supervisor.log.error("pool \(name) event buffer overflowed, discarding event \(discarded.serial ?? 0)")
        }
        if atHead { buffer.insert(event, at: 0) } else { buffer.append(event) }
        dispatch()
    }

    /// Sends buffered events, oldest first, while some listener can take one.
    func dispatch() {
        while let event = buffer.first {
            guard let listener = group.processes.first(where: { $0.state == .running && $0.listener?.state == .ready }) else { return }
            buffer.removeFirst()
            send(event, to: listener)
        }
    }

    private func send(_ event: ListenerEvent, to process: Subprocess) {
        let header = "ver:3.0 server:\(supervisor.config.daemon.identifier) serial:\(event.serial ?? 0) pool:\(name) poolserial:\(event.poolSerials[name] ?? 0) eventname:\(event.type.rawValue) len:\(event.payload.count)\n"
        process.listener?.sent(event)
        process.sendToStdin(Array(header.utf8) + event.payload)
        supervisor.log.debug("event \(event.serial ?? 0) sent to listener \(process.name)")
    }

    /// A listener handed an event back (FAIL, garbage, or it died while busy).
    func reject(_ event: ListenerEvent) {
        accept(event, atHead: true)
    }
}
