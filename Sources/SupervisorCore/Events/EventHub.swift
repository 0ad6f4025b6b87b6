import SupervisorCommon
import SupervisorConfig
import Glibc

/// Something that happened in the supervisor, published to subscribers on the event loop.
public enum SupervisorEvent {
    case processState(process: Subprocess, from: ProcessState, to: ProcessState, expected: Bool)
    case supervisorStateChange(SupervisorState)
    case processGroupAdded(String)
    case processGroupRemoved(String)
    case remoteCommunication(type: String, data: String)
    /// A chunk of output of a process with `stdout_events_enabled` / `stderr_events_enabled`.
    case processLog(process: Subprocess, pid: pid_t, stream: OutputStream, data: [UInt8])
    /// Output a process wrapped in the capture tokens.
    case processCommunication(process: Subprocess, pid: pid_t, stream: OutputStream, data: [UInt8])
    case tick(EventType, when: Int)
}

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
