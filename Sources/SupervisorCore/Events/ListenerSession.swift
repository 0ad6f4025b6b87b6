/// Protocol state of one listener process: what it said last and the event it holds.
final class ListenerSession {
    private(set) var parser = ListenerProtocol()
    private(set) var event: ListenerEvent?
    unowned let pool: EventListenerPool

    init(pool: EventListenerPool) {
        self.pool = pool
    }

    var state: ListenerState { parser.state }

    /// A new listener process: it must say READY before it gets anything.
    func restart() {
        parser.reset()
        event = nil
    }

    func sent(_ event: ListenerEvent) {
        self.event = event
        parser.sent()
    }

    /// The event in hand, if the listener exits or fails without finishing it.
    func takeEvent() -> ListenerEvent? {
        defer { event = nil }
        return event
    }

    /// Feeds stdout; returns the messages found, in order.
    func read(_ bytes: UnsafeRawBufferPointer) -> [ListenerProtocol.Outcome] {
        parser.feed(bytes)
    }
}
