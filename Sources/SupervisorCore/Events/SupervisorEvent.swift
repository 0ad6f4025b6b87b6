import Glibc
import SupervisorCommon
import SupervisorConfig

/// Something that happened in the supervisor, published to subscribers on the event loop.
public enum SupervisorEvent {
    case processState(process: Subprocess, from: ProcessState, to: ProcessState, expected: Bool)
    case supervisorStateChange(SupervisorState)
    case processGroupAdded(String)
    case processGroupRemoved(String)
    case remoteCommunication(type: String, data: String)
    /// A chunk of output of a process with `stdout_events_enabled` / `stderr_events_enabled`.
    case processLog(process: Subprocess, pid: pid_t, stream: OutputChannel, data: [UInt8])
    /// Output a process wrapped in the capture tokens.
    case processCommunication(process: Subprocess, pid: pid_t, stream: OutputChannel, data: [UInt8])
    case tick(EventType, when: Int)
    /// A RUNNING process turned healthy or unhealthy (extension).
    case processHealth(process: Subprocess, status: HealthStatus)
}
