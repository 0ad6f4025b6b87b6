import SupervisorCommon
import SupervisorConfig
import Glibc

/// Fan-out of supervisor events. Subscribers run synchronously on the event loop, in order.
public final class EventHub {
    public typealias Subscriber = (SupervisorEvent) -> Void
    private var subscribers: [(token: Int, subscriber: Subscriber)] = []
    private var nextToken = 0

    /// Returns a token for `unsubscribe`.
    @discardableResult
    public func subscribe(_ subscriber: @escaping Subscriber) -> Int {
        nextToken += 1
        subscribers.append((nextToken, subscriber))
        return nextToken
    }

    public func unsubscribe(_ token: Int) {
        subscribers.removeAll { $0.token == token }
    }

    func publish(_ event: SupervisorEvent) {
        for entry in subscribers { entry.subscriber(event) }
    }
}
