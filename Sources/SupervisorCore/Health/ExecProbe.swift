import Glibc
import SupervisorConfig

/// An `exec:` attempt: the command runs as a child of the daemon with the process's user,
/// directory, umask and environment, stdin on /dev/null; it passes when it exits 0.
/// What it writes (stdout and stderr, the first `maxOutputBytes`) is logged at debug
/// level when it has ended. Killed (its process group) with SIGKILL when its time is up
/// or the attempt is cancelled; always reaped by the supervisor, through which its exit
/// arrives.
final class ExecProbe: ProbeWork, OutputRecorder {
    static let maxOutputBytes = 4096

    private let command: String
    /// The process's name: pipe errors and the output's log line name it.
    let name: String
    /// Fails when the process's environment files cannot be read: the attempt then fails too.
    private let plan: Result<LaunchPlan, SpawnFailure>
    private unowned let supervisor: Supervisor
    private var report: ((ProbeResult) -> Void)?
    /// The child until it is reaped; 0 before and after.
    private var pid: pid_t = 0
    private var pipe: OutputPipe?
    private var output: [UInt8] = []
    private var outputDropped = 0
    /// Set when the child failed between fork and exec (it then exits 127).
    private var childFailure: String?
    /// Set when the attempt's time ran out: the reason it fails with once the child is reaped.
    private var timeoutReason: String?

    init(command: String, for process: Subprocess, supervisor: Supervisor, report: @escaping (ProbeResult) -> Void) {
        self.command = command
        name = process.name
        // Without debug logging nobody would read the output: it goes to /dev/null.
        let capture = supervisor.log.isEnabled(.debug)
        plan = Result { () throws(SpawnFailure) in
            LaunchPlan(name: process.name, command: command, environment: try Spawner.makeEnvironment(process),
                       directory: process.config.directory, umask: process.config.umask, user: process.config.user,
                       stdin: .discard, stdout: capture ? .pipe : .discard, stderr: .stdout)
        }
        self.supervisor = supervisor
        self.report = report
    }

    func start() {
        let child: LaunchedChild
        do {
            child = try supervisor.spawner.launch(plan.get())
        } catch {
            end(.failed((error as? SpawnFailure)?.message ?? "\(error)"))
            return
        }
        pid = child.pid
        childFailure = child.childFailure
        // Holds this probe until the child is reaped, cancelled or not.
        supervisor.registerAuxiliary(pid: child.pid) { status in self.exited(status) }
        if child.stdoutFD >= 0 {
            pipe = supervisor.outputPipes.attach(fd: child.stdoutFD, stream: .stdout, process: self)
        }
    }

    func timeUp(reason: String) {
        timeoutReason = reason
        kill()
    }

    func cancel() {
        report = nil
        kill()
    }

    func recordOutput(_ bytes: UnsafeRawBufferPointer, stream: OutputChannel) {
        let kept = min(bytes.count, Self.maxOutputBytes - output.count)
        output += bytes.prefix(kept)
        outputDropped += bytes.count - kept
    }

    /// Its output is kept for the report, never logged: always read.
    func spliceOutput(from source: Int32, stream: OutputChannel, limit: Int) -> RotatingLogFile.SpliceOutcome {
        .declined
    }

    private func kill() {
        // Its own process group (the spawner makes one per child): what it started dies too.
        if pid > 0 { _ = supervisor.spawner.send(SIGKILL, to: -pid) }
    }

    private func exited(_ status: WaitStatus) {
        pid = 0
        if let pipe {
            // What it wrote before exiting; a grandchild holding the pipe is not waited for.
            supervisor.outputPipes.drain(pipe)
            supervisor.outputPipes.release(pipe)
            self.pipe = nil
        }
        logOutput()
        if let timeoutReason {
            end(.failed(timeoutReason))
        } else if status.exitCode == 0 {
            end(.passed)
        } else if let signal = status.terminatingSignal {
            end(.failed("killed by \(SignalName.of(signal))"))
        } else if status.exitCode == 127, let childFailure {
            end(.failed(childFailure))
        } else {
            end(.failed(status.message))
        }
    }

    private func logOutput() {
        guard !output.isEmpty else { return }
        var text = String(decoding: output, as: UTF8.self)
        if text.hasSuffix("\n") { text.removeLast() }
        if outputDropped > 0 { text += "\n(\(outputDropped) more bytes not shown)" }
        supervisor.log.debug("'\(name)' check exec:\(command) output:\n\(text)")
    }

    private func end(_ result: ProbeResult) {
        guard let report else { return }
        self.report = nil
        report(result)
    }
}
