import CSupervisor
import Glibc
import NIOCore
import SupervisorCommon
import SupervisorConfig

/// An append-only log file that rolls over at `maxBytes`, keeping `backups` old files
/// (`x.log.1` newest … `x.log.N` oldest). Writes are split at the size boundary, so no
/// file exceeds `maxBytes` and no byte is dropped. A target that is not a regular file, or
/// is named under `/dev` or `/proc` (`/dev/stdout`, a fifo), is a stream: never rotated.
///
/// The extension keys (`policy`) add rolling over at a boundary of local time, deleting old
/// files by age and compressing them; `RotatedLogFiles` names and tends the rotated files.
/// The time is checked at each write, not by a timer: the file is rolled over at the first
/// write at or after the boundary (a quiet log is not touched at midnight), so what it
/// holds was always written within the window it is named by.
///
/// A write that fails (the file cannot be opened, the disk is full) drops that output and
/// is retried with the next; the owner hears of it through `statusHandler` once when the
/// failure starts and once when writing works again, not once per write.
///
/// With a `LogWriter`, formatted lines (`writeLines`) into a regular file are written on the
/// writer's thread; everything that needs the file as written (a rollover, a close, `flush`
/// for readers) first waits until the writer has written what was handed to it.
public final class RotatingLogFile {
    /// What `statusHandler` is told.
    public enum Status {
        /// Writing started failing (or failed in another way than before): output is dropped.
        case failing(Failure)
        /// What failed works again.
        case resumed
    }

    /// A failed open, write or rotation, described as the main log reports it.
    public struct Failure: CustomStringConvertible, Equatable {
        public enum Operation: Sendable { case open, write, rotate, compress }
        public let operation: Operation
        public let path: String
        public let errno: Int32

        public var description: String {
            let action = switch operation {
            case .open: "could not open"
            case .write: "could not write to"
            case .rotate: "could not rotate"
            case .compress: "could not compress"
            }
            return "\(action) \(path): \(errnoName(errno)) (\(String(cString: strerror(errno))))"
        }
    }

    /// What `splice(from:limit:)` did.
    public enum SpliceOutcome: Equatable {
        /// This many bytes went from the pipe into the file.
        case moved(Int)
        /// The pipe is empty; its writers may write more.
        case empty
        /// The pipe is empty and its writers are gone.
        case closed
        /// Nothing was moved: the bytes must be read and written (live readers want to see
        /// them, the target is not an open regular file, or the kernel refused).
        case declined
    }

    public let path: String
    public let maxBytes: Int
    public let backups: Int
    /// Called from inside `write` (and `create`, `reopen`, `clear`): it must not write to this file.
    public var statusHandler: ((Status) -> Void)?
    private var fd: Int32 = -1
    private var size = 0
    /// False for a stream (`/dev/stdout`, a pipe): never rotated, and maybe shared with others.
    public private(set) var isRegularFile = true
    /// Whether the target, when last opened, was a terminal.
    public private(set) var isTerminal = false
    /// `writeLines` left the file in the middle of a line: no rollover before its end.
    private var endsMidLine = false
    /// The descriptor was opened with O_APPEND and still has it: `splice` clears it (splice(2)
    /// refuses such a file) and writes set it again.
    private var appends = false
    /// The kernel refused to splice into this file (its filesystem cannot): until it is reopened,
    /// its output is read and written.
    private var spliceRefused = false
    /// The failure last reported; nil while everything works.
    private var failure: Failure?
    /// Live readers (tail -f, the web UI): told of every byte written, so nothing polls the file.
    private let observers = ObserverList<UnsafeRawBufferPointer>()
    /// Rotation by time, maxage and compression (extension keys).
    private let policy: LogRotationPolicy
    private var rotated: RotatedLogFiles
    /// When rotating by time: the window what the file holds was written in.
    private var window: RotationWindow?
    /// Writes formatted lines on another thread (nil: they are written here).
    private let writer: LogWriter?
    /// How the writer's failures reach `report`.
    private lazy var writerReporter: LogWriter.Reporter? = writer.map { writer in
        writer.reporter { [weak self] failure in self?.writerReported(failure) }
    }

    /// Opens nothing yet: `create` makes the file. `compressor` compresses the rotated files
    /// when the policy says so; `writer` writes what `writeLines` gets.
    init(path: String, maxBytes: Int, backups: Int, policy: LogRotationPolicy = LogRotationPolicy(),
         compressor: LogCompressor?, writer: LogWriter?) {
        self.path = path
        self.maxBytes = maxBytes
        self.backups = backups
        self.policy = policy
        self.writer = writer
        rotated = RotatedLogFiles(path: path, backups: backups, policy: policy, compressor: compressor)
    }

    /// Creates the file now, so readers find it before anything is written. With `holdOpen`
    /// false the descriptor is only held once something is written: a daemon with thousands
    /// of quiet processes then keeps thousands fewer descriptors, which every fork would
    /// otherwise copy and every exec close. A failure is reported to `statusHandler` (and
    /// retried at the next write) as well as thrown.
    public func create(holdOpen: Bool = true) throws {
        rotated.cleanUp { [weak self] in self?.compressed($0, $1) }
        try openReporting()
        if !holdOpen { closeFile() }
    }

    /// `create(holdOpen: false)` of a file the caller has just made, empty, at `path` (an
    /// `AUTO` log's unique name): what opening it would tell is known, so it is not opened
    /// (a fleet's start would otherwise open and close two files more per process).
    public func createdEmpty() {
        rotated.cleanUp { [weak self] in self?.compressed($0, $1) }
        isRegularFile = !namesDescriptorOrDevice
        isTerminal = false
        size = 0
        window = isRegularFile ? RotationWindow(policy.period, containing: LogClock.now().tv_sec) : nil
    }

    deinit { closeFile() }

    public convenience init(path: String, maxBytes: Int, backups: Int, policy: LogRotationPolicy = LogRotationPolicy(),
                            compressor: LogCompressor? = nil) {
        self.init(path: path, maxBytes: maxBytes, backups: backups, policy: policy, compressor: compressor, writer: nil)
    }

    public func write(_ bytes: UnsafeRawBufferPointer) {
        append(bytes, keepingLinesWhole: false, handing: nil)
    }

    /// Appends formatted lines (timestamps, prefixes, JSON) and never splits a line across two
    /// files: the file rolls over at a line boundary, before the line that would take it past
    /// `maxBytes`; a line longer than `maxBytes` fills a file of its own. A line left open at
    /// the end of `lines` is continued in the same file by the next call.
    func writeLines(_ lines: ByteBuffer) {
        lines.withUnsafeReadableBytes { append($0, keepingLinesWhole: true, handing: writer.map { _ in lines }) }
    }

    /// An empty buffer for the next `writeLines`.
    func lineBuffer() -> ByteBuffer {
        writer?.spareBuffer() ?? ByteBuffer()
    }

    /// Returns once what was written is in the file (a `LogWriter` may still hold some): for
    /// readers of the file.
    public func flush() {
        writer?.flush()
    }

    /// Moves at most `limit` bytes from the pipe `source` into the file without copying them
    /// through the daemon (splice(2)), with the rollovers of `write`: a splice never crosses
    /// `maxBytes`, so the files hold the same bytes as if they had been written. Declines
    /// (and moves nothing) while live readers are registered, since they must see the bytes,
    /// and while the file is not open: the first output of a file is written, which opens it
    /// (so a process that exits without output keeps no descriptor) or reports why it cannot.
    /// A failed splice also declines: the bytes are still in the pipe, and writing them
    /// reports the failure as for any write.
    public func splice(from source: Int32, limit: Int) -> SpliceOutcome {
        guard fd >= 0, isRegularFile, !spliceRefused, observers.isEmpty else { return .declined }
        if rollOverAtWindowEnd() && fd < 0 { return .declined }
        if rotates && size >= maxBytes {
            rollOver()
            if fd < 0 { return .declined }
        }
        if appends {
            let flags = fcntl(fd, F_GETFL)
            guard flags >= 0, fcntl(fd, F_SETFL, flags & ~O_APPEND) == 0 else {
                spliceRefused = true
                return .declined
            }
            appends = false
        }
        let count = rotates ? min(limit, maxBytes - size) : limit
        var moved = sv_splice_to_end(source, fd, count)
        while moved < 0 && errno == EINTR { moved = sv_splice_to_end(source, fd, count) }
        if moved < 0 {
            switch errno {
            case EAGAIN: return .empty
            case EINVAL: spliceRefused = true
            default: break
            }
            return .declined
        }
        if moved == 0 { return .closed }
        size += moved
        if rotates && size >= maxBytes { rollOver() }
        if let failure, failure.operation != .rotate { resume() }
        return .moved(moved)
    }

    /// `whole`: `bytes` as a buffer the writer may keep (nil: written here).
    private func append(_ bytes: UnsafeRawBufferPointer, keepingLinesWhole: Bool, handing whole: ByteBuffer?) {
        guard !bytes.isEmpty else { return }
        // Written here after what the writer holds, not before it.
        if whole == nil { writer?.flush() }
        observers.notify(bytes)
        var rest = bytes
        // Whether the writer got some: whether those writes work, only it can tell.
        var handedOff = false
        while !rest.isEmpty {
            if fd < 0, (try? openReporting()) == nil { return }
            if rollOverAtWindowEnd() { continue }
            // A line begun before the boundary ends in its file, and the next one starts the new file.
            let lineEnd = endsMidLine && windowEnded ? rest.firstIndex(of: 0x0A).map { $0 + 1 } : nil
            if !appends {
                // After splices: appending again, as another writer of the file expects.
                let flags = fcntl(fd, F_GETFL)
                if flags >= 0 && fcntl(fd, F_SETFL, flags | O_APPEND) == 0 { appends = true }
            }
            var chunk = lineEnd.map { UnsafeRawBufferPointer(rebasing: rest[..<(rest.startIndex + $0)]) } ?? rest
            if rotates {
                let room = maxBytes - size
                let fitting = keepingLinesWhole ? wholeLines(of: chunk, room: room) : min(chunk.count, room)
                if fitting <= 0 {
                    rollOver()
                    continue
                }
                chunk = UnsafeRawBufferPointer(rebasing: chunk[..<(chunk.startIndex + fitting)])
            }
            let handed = whole.map { handOff(chunk, of: $0) } ?? false
            if !handed, let failedErrno = LogWriter.writeFully(chunk, to: fd) {
                // The rest of this output is dropped; the next write reopens the file,
                // which also picks up its real size after a partial write.
                report(Failure(operation: .write, path: path, errno: failedErrno))
                closeFile()
                return
            }
            handedOff = handedOff || handed
            size += chunk.count
            rest = UnsafeRawBufferPointer(rebasing: rest[(rest.startIndex + chunk.count)...])
            if keepingLinesWhole { endsMidLine = chunk.last != 0x0A }
            if rotates && size >= maxBytes && !endsMidLine { rollOver() }
        }
        if let failure, failure.operation != .rotate, !(handedOff && failure.operation == .write) { resume() }
    }

    /// Hands `chunk` (a part of `whole`) to the writer; false when it is to be written here:
    /// no writer, not a regular file (a shared stream keeps its order with the other writers),
    /// or the writer declined.
    private func handOff(_ chunk: UnsafeRawBufferPointer, of whole: ByteBuffer) -> Bool {
        guard let writer, isRegularFile, let writerReporter else { return false }
        // The whole buffer is handed over as it is; a part (at a rollover) is copied.
        return writer.enqueue(chunk.count == whole.readableBytes ? whole : ByteBuffer(bytes: chunk), to: fd,
                              reporter: writerReporter)
    }

    public func write(_ text: String) {
        var text = text
        text.withUTF8 { write(UnsafeRawBufferPointer($0)) }
    }

    /// Registers a reader of everything written from now on; returns a token for `removeObserver`.
    public func addObserver(_ observer: @escaping (UnsafeRawBufferPointer) -> Void) -> Int {
        observers.add(observer)
    }

    public func removeObserver(_ token: Int) {
        observers.remove(token)
    }

    /// Reopens the path (after an external rotation, on SIGUSR2).
    public func reopen() {
        let held = fd >= 0
        closeFile()
        try? openReporting()
        if !held { closeFile() }
    }

    /// Deletes the file and its backups and starts a new empty one (clearLog).
    public func clear() {
        let held = fd >= 0
        closeFile()
        unlink(path)
        rotated.deleteAll()
        try? openReporting()
        if !held { closeFile() }
    }

    public func closeFile() {
        guard fd >= 0 else { return }
        // The writer may still hold output for this descriptor.
        writer?.flush()
        Glibc.close(fd)
        fd = -1
    }

    /// The writer's news of this file: its writes failed (an errno) or work again (nil).
    private func writerReported(_ failure: Int32?) {
        guard let failure else {
            if self.failure?.operation == .write { resume() }
            return
        }
        report(Failure(operation: .write, path: path, errno: failure))
        // The next write reopens the file, which picks up its real size.
        closeFile()
    }

    private var rotates: Bool { maxBytes > 0 && isRegularFile }

    /// When rotating by time: the window the file is in has ended.
    private var windowEnded: Bool {
        window.map { LogClock.now().tv_sec >= $0.end } ?? false
    }

    /// Rolls over when rotating by time and the window the file is in has ended; true when the
    /// window changed. The end of a line begun before the boundary stays with its start when
    /// lines are kept whole (timestamps, prefixes, JSON).
    private func rollOverAtWindowEnd() -> Bool {
        guard !endsMidLine, let window else { return false }
        let now = LogClock.now().tv_sec
        guard now >= window.end else { return false }
        // An empty file just moves on to the new window.
        if size > 0 { rollOver() }
        self.window = RotationWindow(policy.period, containing: now)
        return true
    }

    /// How many bytes of `lines` go into the current file with `room` left in it, ending at a
    /// line boundary; 0 when the file must roll over first. A line the file ends in the middle
    /// of is finished in it, and a line longer than a whole file goes into an empty one.
    private func wholeLines(of lines: UnsafeRawBufferPointer, room: Int) -> Int {
        guard lines.count > room else { return lines.count }
        // Backwards from the room's end: the scan stops at the last line end, one line back.
        if room > 0, let end = lines[..<room].lastIndex(of: 0x0A) { return end + 1 }
        guard endsMidLine || size == 0 else { return 0 }
        return lines.firstIndex(of: 0x0A).map { $0 + 1 } ?? lines.count
    }

    /// `/dev/stdout`, `/dev/fd/1`, `/proc/self/fd/1` and the like name a descriptor or a
    /// device, not a file of ours: never created (a missing /dev/stdout must not become a
    /// regular file) and never rotated (a /dev/stdout redirected to a regular file must not
    /// be renamed away). Files on filesystems mounted below /dev, such as /dev/shm, are
    /// ordinary files.
    private var namesDescriptorOrDevice: Bool {
        if path.hasPrefix("/proc/") || path.hasPrefix("/dev/fd/") { return true }
        return path.hasPrefix("/dev/") && !path.dropFirst(5).contains("/")
    }

    /// Opens the path (emptying it when `truncating`), reporting a failure before throwing it.
    private func openReporting(truncating: Bool = false) throws {
        // O_NOCTTY: a terminal named as a log must not become the daemon's controlling terminal.
        let flags = O_WRONLY | O_APPEND | O_CLOEXEC | O_NOCTTY | (namesDescriptorOrDevice ? 0 : O_CREAT) | (truncating ? O_TRUNC : 0)
        let opened = Glibc.open(path, flags, 0o666)
        guard opened >= 0 else {
            let error = errno
            report(Failure(operation: .open, path: path, errno: error))
            throw SystemError(errno: error, what: "open \(path)")
        }
        fd = opened
        appends = true
        spliceRefused = false
        window = nil
        var info = stat()
        if fstat(opened, &info) == 0 {
            isRegularFile = (info.st_mode & S_IFMT) == S_IFREG && !namesDescriptorOrDevice
            isTerminal = isatty(opened) == 1
            size = isRegularFile ? Int(info.st_size) : 0
            // What the file already holds was last written at its modification time.
            let written = size > 0 ? LogClock.shifted(info.st_mtim) : LogClock.now()
            window = isRegularFile ? RotationWindow(policy.period, containing: written.tv_sec) : nil
        }
    }

    /// Moves the full file aside (or removes it when no backups are kept) and starts a new
    /// one. When the full file cannot be moved it is emptied instead: the size limit holds.
    private func rollOver() {
        closeFile()
        let (moved, destination, failedErrno) = rotated.moveAside(window: window)
        if failedErrno != 0 {
            report(Failure(operation: .rotate, path: path, errno: failedErrno))
        } else if failure?.operation == .rotate {
            resume()
        }
        size = 0
        try? openReporting(truncating: !moved)
        rotated.afterRotation(rotated: destination) { [weak self] in self?.compressed($0, $1) }
    }

    /// How a rotated file's compression went: a failure is reported like the others, once
    /// until a compression works again.
    private func compressed(_ file: String, _ failedErrno: Int32?) {
        if let failedErrno {
            report(Failure(operation: .compress, path: file, errno: failedErrno))
        } else if failure?.operation == .compress {
            resume()
        }
    }

    /// Tells the owner of a failure, unless the same kind was already reported and not resolved.
    private func report(_ newFailure: Failure) {
        guard failure?.operation != newFailure.operation else { return }
        failure = newFailure
        statusHandler?(.failing(newFailure))
    }

    private func resume() {
        failure = nil
        statusHandler?(.resumed)
    }
}
