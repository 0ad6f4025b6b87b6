import Glibc
import SupervisorConfig

/// Which of a child's output streams.
public enum OutputStream: String, Sendable {
    case stdout, stderr
}

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

    init(config: ProcessConfig, supervisor: Supervisor) {
        self.supervisor = supervisor
        self.processName = config.name
        stdoutSyslog = config.stdout.syslog
        stderrSyslog = config.stderr.syslog && !config.redirectStderr
        let daemon = supervisor.config.daemon
        stdoutPath = Self.resolve(config.stdout.logfile, name: config.name, stream: .stdout, daemon: daemon)
        stderrPath = config.redirectStderr ? nil
            : Self.resolve(config.stderr.logfile, name: config.name, stream: .stderr, daemon: daemon)
        stdoutFile = Self.open(stdoutPath, config.stdout, log: supervisor.log)
        stderrFile = Self.open(stderrPath, config.stderr, log: supervisor.log)
    }

    public func path(_ stream: OutputStream) -> String? {
        stream == .stdout ? stdoutPath : stderrPath
    }

    /// The open log of a stream, for live readers; nil when the stream is not logged.
    public func file(_ stream: OutputStream) -> RotatingLogFile? {
        stream == .stdout ? stdoutFile : stderrFile
    }

    /// Appends to the stream's log (and, at debug level, to the main log).
    func write(_ data: UnsafeRawBufferPointer, stream: OutputStream) {
        guard !data.isEmpty else { return }
        (stream == .stdout ? stdoutFile : stderrFile)?.write(data)
        if stream == .stdout ? stdoutSyslog : stderrSyslog { Syslog.send(data, prefix: processName) }
        let log = supervisor.log
        if log.isEnabled(.debug) {
            log.debug("'\(processName)' \(stream.rawValue) output:\n\(String(decoding: data, as: UTF8.self))")
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

    func close() {
        stdoutFile?.closeFile()
        stderrFile?.closeFile()
    }

    private static func resolve(_ target: LogTarget, name: String, stream: OutputStream, daemon: DaemonConfig) -> String? {
        switch target {
        case .none: return nil
        case .path(let path): return path
        case .automatic: return AutoLogName.create(directory: daemon.childlogdir, name: name, stream: stream, identifier: daemon.identifier)
        }
    }

    /// The log file of a stream, created now. Its failures, from creating it on, are
    /// reported in the main log; a file that cannot be created is retried at each output.
    private static func open(_ path: String?, _ config: ChannelLogConfig, log: MainLog) -> RotatingLogFile? {
        guard let path else { return nil }
        let file = RotatingLogFile(path: path, maxBytes: config.maxBytes, backups: config.backups)
        log.reportStatus(of: file)
        try? file.create(holdOpen: false)
        return file
    }
}

/// `AUTO` child logs: `name-stdout---identifier-XXXXXX.log` in childlogdir, like the
/// reference's names, so its cleanup pattern matches ours.
public enum AutoLogName {
    static func create(directory: String, name: String, stream: OutputStream, identifier: String) -> String? {
        var template = Array("\(directory)/\(name)-\(stream.rawValue)---\(identifier)-XXXXXX.log".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemps($0.baseAddress!, 4) }
        guard fd >= 0 else { return nil }
        Glibc.close(fd)
        return String(cString: template)
    }

    /// Removes AUTO logs left by an earlier run (unless `nocleanup`).
    public static func cleanup(directory: String, identifier: String) {
        guard let dir = opendir(directory) else { return }
        defer { closedir(dir) }
        let marker = "---\(identifier)-"
        while let entry = readdir(dir) {
            let fileName = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
            }
            guard let range = fileName.firstRange(of: marker), range.lowerBound != fileName.startIndex else { continue }
            let rest = fileName[range.upperBound...]
            if rest.contains(".log") { unlink("\(directory)/\(fileName)") }
        }
    }
}

/// Removes ANSI escape sequences (`strip_ansi`).
enum AnsiEscapes {
    static func strip(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x1b, index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "[") {
                index += 2
                while index < bytes.count, !(0x40...0x7e).contains(bytes[index]) { index += 1 }
                index += 1
                continue
            }
            out.append(byte)
            index += 1
        }
        return out
    }
}
