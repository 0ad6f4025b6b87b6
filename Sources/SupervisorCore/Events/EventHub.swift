import SupervisorCommon
import SupervisorConfig
import Glibc

/// Fan-out of supervisor events. Subscribers run synchronously on the event loop, in order.
public final class EventHub {
    public typealias Subscriber = (SupervisorEvent) -> Void
    private let subscribers = ObserverList<SupervisorEvent>()

    /// Returns a token for `unsubscribe`.
    @discardableResult
    public func subscribe(_ subscriber: @escaping Subscriber) -> Int {
        subscribers.add(subscriber)
    }

    public func unsubscribe(_ token: Int) {
        subscribers.remove(token)
    }

    func publish(_ event: SupervisorEvent) {
        subscribers.notify(event)
    }
}
