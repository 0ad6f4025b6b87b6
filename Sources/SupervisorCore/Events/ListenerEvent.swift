import SupervisorConfig
/// An event as listeners receive it: a type and a payload rendered when it happened
/// (the pid at that moment, say), numbered when a pool first accepts it.
final class ListenerEvent {
    let type: EventType
    let payload: [UInt8]
    /// Global serial, assigned on first acceptance by any pool.
    var serial: Int?
    var poolSerials: [String: Int] = [:]

    init(type: EventType, payload: String) {
        self.type = type
        self.payload = Array(payload.utf8)
    }

    init(type: EventType, payload: [UInt8]) {
        self.type = type
        self.payload = payload
    }

    /// Renders a supervisor event the way the reference's event classes do.
    static func from(_ event: SupervisorEvent) -> ListenerEvent? {
        switch event {
        case let .processState(process, from, to, expected):
            var fields = "processname:\(process.name) groupname:\(process.group.name) from_state:\(from.name)"
            switch to {
            case .starting, .backoff: fields += " tries:\(process.backoff)"
            case .exited: fields += " expected:\(expected ? 1 : 0) pid:\(process.pid)"
            case .running, .stopping, .stopped: fields += " pid:\(process.pid)"
            case .fatal, .unknown: break
            }
            return ListenerEvent(type: .forState(to), payload: fields)
        case let .supervisorStateChange(state):
            return ListenerEvent(type: state == .running ? .supervisorStateChangeRunning : .supervisorStateChangeStopping, payload: "")
        case let .processGroupAdded(name):
            return ListenerEvent(type: .processGroupAdded, payload: "groupname:\(name)\n")
        case let .processGroupRemoved(name):
            return ListenerEvent(type: .processGroupRemoved, payload: "groupname:\(name)\n")
        case let .remoteCommunication(type, data):
            return ListenerEvent(type: .remoteCommunication, payload: "type:\(type)\n\(data)")
        case let .processLog(process, pid, stream, data):
            let header = "processname:\(process.name) groupname:\(process.group.name) pid:\(pid) channel:\(stream.rawValue)\n"
            return ListenerEvent(type: stream == .stdout ? .processLogStdout : .processLogStderr, payload: Array(header.utf8) + data)
        case let .processCommunication(process, pid, stream, data):
            let header = "processname:\(process.name) groupname:\(process.group.name) pid:\(pid)\n"
            return ListenerEvent(type: stream == .stdout ? .processCommunicationStdout : .processCommunicationStderr,
                                 payload: Array(header.utf8) + data)
        case let .tick(type, when):
            return ListenerEvent(type: type, payload: "when:\(when)")
        case let .processHealth(process, status):
            // Free text (the reason) goes after the header line, as in PROCESS_LOG: header
            // tokens are split on spaces by listeners.
            let header = "processname:\(process.name) groupname:\(process.group.name) pid:\(process.pid)"
            return switch status {
            case .healthy:
                ListenerEvent(type: .processHealthHealthy, payload: header + " failures:0\n")
            case let .unhealthy(failures, reason):
                ListenerEvent(type: .processHealthUnhealthy, payload: header + " failures:\(failures)\n\(reason)")
            }
        }
    }
}
