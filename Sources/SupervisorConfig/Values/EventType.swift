/// Event types as listeners name them in `events=`, with the reference's hierarchy:
/// subscribing to a type also subscribes to all of its descendants.
/// The config validates `events=` against these; the daemon routes events by them.
public enum EventType: String, CaseIterable, Sendable {
    case event = "EVENT"
    case processState = "PROCESS_STATE"
    case processStateStopped = "PROCESS_STATE_STOPPED"
    case processStateExited = "PROCESS_STATE_EXITED"
    case processStateStarting = "PROCESS_STATE_STARTING"
    case processStateStopping = "PROCESS_STATE_STOPPING"
    case processStateBackoff = "PROCESS_STATE_BACKOFF"
    case processStateFatal = "PROCESS_STATE_FATAL"
    case processStateRunning = "PROCESS_STATE_RUNNING"
    case processStateUnknown = "PROCESS_STATE_UNKNOWN"
    case processCommunication = "PROCESS_COMMUNICATION"
    case processCommunicationStdout = "PROCESS_COMMUNICATION_STDOUT"
    case processCommunicationStderr = "PROCESS_COMMUNICATION_STDERR"
    case processLog = "PROCESS_LOG"
    case processLogStdout = "PROCESS_LOG_STDOUT"
    case processLogStderr = "PROCESS_LOG_STDERR"
    case remoteCommunication = "REMOTE_COMMUNICATION"
    case supervisorStateChange = "SUPERVISOR_STATE_CHANGE"
    case supervisorStateChangeRunning = "SUPERVISOR_STATE_CHANGE_RUNNING"
    case supervisorStateChangeStopping = "SUPERVISOR_STATE_CHANGE_STOPPING"
    case tick = "TICK"
    case tick5 = "TICK_5"
    case tick60 = "TICK_60"
    case tick3600 = "TICK_3600"
    case processGroup = "PROCESS_GROUP"
    case processGroupAdded = "PROCESS_GROUP_ADDED"
    case processGroupRemoved = "PROCESS_GROUP_REMOVED"
    /// Extensions: a process's health checks (`healthcheck=`, `watchdog_sec`).
    case processHealth = "PROCESS_HEALTH"
    case processHealthHealthy = "PROCESS_HEALTH_HEALTHY"
    case processHealthUnhealthy = "PROCESS_HEALTH_UNHEALTHY"

    public var parent: EventType? {
        switch self {
        case .event: nil
        case .processState, .processCommunication, .processLog, .remoteCommunication,
             .supervisorStateChange, .tick, .processGroup, .processHealth: .event
        case .processStateStopped, .processStateExited, .processStateStarting, .processStateStopping,
             .processStateBackoff, .processStateFatal, .processStateRunning, .processStateUnknown: .processState
        case .processCommunicationStdout, .processCommunicationStderr: .processCommunication
        case .processLogStdout, .processLogStderr: .processLog
        case .supervisorStateChangeRunning, .supervisorStateChangeStopping: .supervisorStateChange
        case .tick5, .tick60, .tick3600: .tick
        case .processGroupAdded, .processGroupRemoved: .processGroup
        case .processHealthHealthy, .processHealthUnhealthy: .processHealth
        }
    }

    /// True when a subscription to `type` receives events of this type.
    public func isKind(of type: EventType) -> Bool {
        var current: EventType? = self
        while let candidate = current {
            if candidate == type { return true }
            current = candidate.parent
        }
        return false
    }
}
