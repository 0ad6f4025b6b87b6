/// The daemon's own state (`getState`).
public enum SupervisorState: Int, Sendable {
    case fatal = 2
    case running = 1
    case restarting = 0
    case shutdown = -1

    public var name: String {
        switch self {
        case .fatal: "FATAL"
        case .running: "RUNNING"
        case .restarting: "RESTARTING"
        case .shutdown: "SHUTDOWN"
        }
    }
}
