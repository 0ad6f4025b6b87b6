import Glibc
import NIOCore
import SupervisorConfig

/// A process's stdout and stderr logs.
public final class ChildLogs {
    public let stdoutPath: String?
    public let stderrPath: String?
    private let stdoutFile: RotatingLogFile?
    private let stderrFile: RotatingLogFile?
    private unowned let supervisor: Supervisor
    private let processName: String
    private let stdoutSyslog: Bool
    private let stderrSyslog: Bool
    /// What the log files get instead of the raw output, when a line style is configured.
    private let stdoutLines: LineFormatter?
    private let stderrLines: LineFormatter?
    /// What `write` handed to a log file or syslog so far.
    public private(set) var loggedBytes = StreamByteCounts()

    init(config: ProcessConfig, group: String, supervisor: Supervisor) {
        self.supervisor = supervisor
        self.processName = config.name
        stdoutSyslog = config.stdout.syslog
        stderrSyslog = config.stderr.syslog && !config.redirectStderr
        let daemon = supervisor.config.daemon
        stdoutPath = Self.resolve(config.stdout.logfile, name: config.name, stream: .stdout, daemon: daemon)
        stderrPath = config.redirectStderr ? nil
            : Self.resolve(config.stderr.logfile, name: config.name, stream: .stderr, daemon: daemon)
        stdoutFile = Self.open(stdoutPath, config.stdout, log: supervisor.log, writer: supervisor.logWriter)
        stderrFile = Self.open(stderrPath, config.stderr, log: supervisor.log, writer: supervisor.logWriter)
        stdoutLines = Self.lineFormatter(for: stdoutFile, config, group: group, stream: .stdout)
        stderrLines = Self.lineFormatter(for: stderrFile, config, group: group, stream: .stderr)
    }

    public func path(_ stream: OutputChannel) -> String? {
        stream == .stdout ? stdoutPath : stderrPath
    }

    /// The stream's log file once everything written to it is in the file: for its readers.
    public func flushedPath(_ stream: OutputChannel) -> String? {
        file(stream)?.flush()
        return path(stream)
    }

    /// The open log of a stream, for live readers; nil when the stream is not logged.
    public func file(_ stream: OutputChannel) -> RotatingLogFile? {
        stream == .stdout ? stdoutFile : stderrFile
    }

    /// Appends to the stream's log (and, at debug level, to the main log); `pid` is the child's.
    func write(_ data: UnsafeRawBufferPointer, stream: OutputChannel, pid: pid_t) {
        guard !data.isEmpty else { return }
        if let lines = stream == .stdout ? stdoutLines : stderrLines, let file = file(stream) {
            var formatted = file.lineBuffer()
            lines.format(data, time: LogClock.seconds(), pid: pid, into: &formatted)
            file.writeLines(formatted)
        } else {
            file(stream)?.write(data)
        }
        if stream == .stdout ? stdoutSyslog : stderrSyslog { Syslog.send(data, prefix: processName) }
        if file(stream) != nil || (stream == .stdout ? stdoutSyslog : stderrSyslog) { loggedBytes.add(data.count, to: stream) }
        echo(data, stream: stream)
    }

    /// Moves at most `limit` bytes of output from the pipe `source` straight into the stream's
    /// log file (`RotatingLogFile.splice`), counted as written ones are; declines when the
    /// bytes must be seen on their way: lines are formatted, syslog or the main log's debug
    /// echo gets them.
    func splice(from source: Int32, stream: OutputChannel, limit: Int) -> RotatingLogFile.SpliceOutcome {
        guard let file = file(stream), (stream == .stdout ? stdoutLines : stderrLines) == nil,
              !(stream == .stdout ? stdoutSyslog : stderrSyslog), !supervisor.log.isEnabled(.debug) else {
            return .declined
        }
        let outcome = file.splice(from: source, limit: limit)
        if case .moved(let count) = outcome { loggedBytes.add(count, to: stream) }
        return outcome
    }

    /// The main log's copy of a child's output, at debug level.
    func echo(_ data: UnsafeRawBufferPointer, stream: OutputChannel) {
        let log = supervisor.log
        if log.isEnabled(.debug) {
            // As the reference: text when it is UTF-8, else Python's bytes repr.
            let text = String(validating: data, as: UTF8.self) ?? "Undecodable: " + pythonRepr(bytes: data)
            log.debug("'\(processName)' \(stream.rawValue) output:\n\(text)")
        }
    }

    /// Deletes and restarts the log files (clearProcessLogs).
    public func clear() {
        stdoutFile?.clear()
        stderrFile?.clear()
    }

    public func reopen() {
        stdoutFile?.reopen()
        stderrFile?.reopen()
    }

    /// The process's output ended (it exited): lines held back are written as they are, and
    /// everything is in the files before the exit is reported.
    func endOfOutput() {
        for (lines, file) in [(stdoutLines, stdoutFile), (stderrLines, stderrFile)] {
            guard let lines, let file else { continue }
            var formatted = ByteBuffer()
            lines.finish(into: &formatted)
            file.writeLines(formatted)
            file.flush()
        }
    }

    func close() {
        endOfOutput()
        stdoutFile?.closeFile()
        stderrFile?.closeFile()
    }

    /// Nil when the channel's lines are written as they come (the default): its file gets the
    /// bytes exactly as the child wrote them.
    private static func lineFormatter(for file: RotatingLogFile?, _ config: ProcessConfig, group: String,
                                      stream: OutputChannel) -> LineFormatter? {
        let style = (stream == .stdout ? config.stdout : config.stderr).lineStyle
        guard let file, !style.isPlain else { return nil }
        let source = LineFormatter.Source(program: config.programName, process: config.name, group: group,
                                          stream: stream)
        let colored = style.prefixColor == .always || (style.prefixColor == .auto && file.isTerminal)
        // Another program (or the daemon's own log) may write to the same stream.
        return LineFormatter(style: style, source: source, colored: colored, holdsPartialLines: !file.isRegularFile)
    }

    private static func resolve(_ target: LogTarget, name: String, stream: OutputChannel, daemon: DaemonConfig) -> String? {
        switch target {
        case .none: return nil
        case .path(let path): return path
        case .automatic: return AutoLogName.create(directory: daemon.childlogdir, name: name, stream: stream, identifier: daemon.identifier)
        }
    }

    /// The log file of a stream, created now (an `AUTO` one was, by `resolve`). Its failures,
    /// from creating it on, are reported in the main log; a file that cannot be created is
    /// retried at each output. Formatted lines are written by `writer`.
    private static func open(_ path: String?, _ config: ChannelLogConfig, log: MainLog, writer: LogWriter) -> RotatingLogFile? {
        guard let path else { return nil }
        let file = RotatingLogFile(path: path, maxBytes: config.maxBytes, backups: config.backups,
                                   policy: config.rotation, compressor: log.compressor,
                                   writer: config.lineStyle.isPlain ? nil : writer)
        log.reportStatus(of: file)
        if case .automatic = config.logfile {
            file.createdEmpty()
        } else {
            try? file.create(holdOpen: false)
        }
        return file
    }
}
