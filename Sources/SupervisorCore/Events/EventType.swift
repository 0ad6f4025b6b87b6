import SupervisorCommon
import SupervisorConfig

extension EventType {
    static func forState(_ state: ProcessState) -> EventType {
        switch state {
        case .stopped: .processStateStopped
        case .starting: .processStateStarting
        case .running: .processStateRunning
        case .backoff: .processStateBackoff
        case .stopping: .processStateStopping
        case .exited: .processStateExited
        case .fatal: .processStateFatal
        case .unknown: .processStateUnknown
        }
    }

    static let ticks: [(type: EventType, period: Int)] = [(.tick5, 5), (.tick60, 60), (.tick3600, 3600)]
}
