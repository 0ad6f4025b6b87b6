// TEMPORARY until the probes branch merges: the interface RepeatingProbe is written against.
import NIOCore
import SupervisorConfig

enum ProbeResult: Equatable { case passed, failed(String) }
final class ProbeAttempt { func cancel() {} }
final class ProbeRunner {
    init(supervisor: Supervisor) {}
    func run(_ spec: ProbeSpec, for process: Subprocess, timeout: TimeAmount, _ done: @escaping (ProbeResult) -> Void) -> ProbeAttempt { ProbeAttempt() }
}
struct NotifyMessage { var ready = false; var status: String?; var watchdog = false }
final class NotifySocket { let path = ""; func close() {} }
