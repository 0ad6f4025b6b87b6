import NIOCore
import SupervisorConfig

/// Runs single attempts of the polled checks (`tcp:`, `http://`, `exec:`) for the
/// supervisor's processes, on its loop.
final class ProbeRunner {
    private unowned let supervisor: Supervisor

    init(supervisor: Supervisor) {
        self.supervisor = supervisor
    }

    /// Starts one attempt of `spec` (a polled check) for `process`, failing with
    /// `timed out after N seconds` when it takes longer than `timeout`. `done` is called
    /// once with the result, later on the loop, unless the attempt is cancelled first.
    func run(_ spec: ProbeSpec, for process: Subprocess, timeout: TimeAmount,
             _ done: @escaping (ProbeResult) -> Void) -> ProbeAttempt {
        let attempt = ProbeAttempt(supervisor: supervisor, onResult: done)
        // The work keeps the attempt until it reports.
        let report = { (result: ProbeResult) in attempt.finish(result) }
        let work: any ProbeWork
        switch spec {
        case .tcp(let host, let port):
            work = ConnectProbe(host: host, port: port, request: nil, eventLoop: supervisor.eventLoop,
                                timeout: timeout, report: report)
        case .http(_, let host, let port, let path):
            work = ConnectProbe(host: host, port: port, request: HTTPStatusReader.request(host: host, port: port, path: path),
                                eventLoop: supervisor.eventLoop, timeout: timeout, report: report)
        case .exec(let command):
            work = ExecProbe(command: command, for: process, supervisor: supervisor, report: report)
        case .log, .notify:
            preconditionFailure("\(spec.text) is not a polled check")
        }
        attempt.begin(work, timeout: timeout)
        return attempt
    }
}
