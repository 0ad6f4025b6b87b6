import Glibc
import SupervisorCommon

/// An append-only log file that rolls over at `maxBytes`, keeping `backups` old files
/// (`x.log.1` newest … `x.log.N` oldest). Writes are split at the size boundary, so no
/// file exceeds `maxBytes` and no byte is dropped. A target that is not a regular file, or
/// is named under `/dev` or `/proc` (`/dev/stdout`, a fifo), is a stream: never rotated.
public final class RotatingLogFile {
    public let path: String
    public let maxBytes: Int
    public let backups: Int
    private var fd: Int32 = -1
    private var size = 0
    private var isRegularFile = true
    /// Live readers (tail -f, the web UI): told of every byte written, so nothing polls the file.
    private let observers = ObserverList<UnsafeRawBufferPointer>()

    /// Creates the file now. With `holdOpen` false the descriptor is only held once
    /// something is written: a daemon with thousands of quiet processes then keeps
    /// thousands fewer descriptors, which every fork would otherwise copy and every exec close.
    public init(path: String, maxBytes: Int, backups: Int, holdOpen: Bool = true) throws {
        self.path = path
        self.maxBytes = maxBytes
        self.backups = backups
        try open()
        if !holdOpen { closeFile() }
    }

    deinit { closeFile() }

    public func write(_ bytes: UnsafeRawBufferPointer) {
        observers.notify(bytes)
        var rest = bytes
        while !rest.isEmpty {
            if fd < 0, (try? open()) == nil { return }
            var chunk = rest
            if rotates {
                let room = maxBytes - size
                if room <= 0 {
                    rollOver()
                    continue
                }
                if chunk.count > room { chunk = UnsafeRawBufferPointer(rebasing: rest[..<(rest.startIndex + room)]) }
            }
            writeFully(chunk)
            size += chunk.count
            rest = UnsafeRawBufferPointer(rebasing: rest[(rest.startIndex + chunk.count)...])
            if rotates && size >= maxBytes { rollOver() }
        }
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
        try? open()
        if !held { closeFile() }
    }

    /// Deletes the file and its backups and starts a new empty one (clearLog).
    public func clear() {
        let held = fd >= 0
        closeFile()
        unlink(path)
        for index in stride(from: backups, through: 1, by: -1) { unlink("\(path).\(index)") }
        try? open()
        if !held { closeFile() }
    }

    public func closeFile() {
        if fd >= 0 { Glibc.close(fd) }
        fd = -1
    }

    private var rotates: Bool { maxBytes > 0 && isRegularFile }

    /// `/dev/stdout`, `/dev/fd/1`, `/proc/self/fd/1` and the like name a descriptor or a
    /// device, not a file of ours: never created (a missing /dev/stdout must not become a
    /// regular file) and never rotated (a /dev/stdout redirected to a regular file must not
    /// be renamed away). Files on filesystems mounted below /dev, such as /dev/shm, are
    /// ordinary files.
    private var namesDescriptorOrDevice: Bool {
        if path.hasPrefix("/proc/") || path.hasPrefix("/dev/fd/") { return true }
        return path.hasPrefix("/dev/") && !path.dropFirst(5).contains("/")
    }

    private func open() throws {
        let flags = O_WRONLY | O_APPEND | O_CLOEXEC | (namesDescriptorOrDevice ? 0 : O_CREAT)
        let opened = Glibc.open(path, flags, 0o666)
        guard opened >= 0 else { throw SystemError(errno: errno, what: "open \(path)") }
        fd = opened
        var info = stat()
        if fstat(opened, &info) == 0 {
            isRegularFile = (info.st_mode & S_IFMT) == S_IFREG && !namesDescriptorOrDevice
            size = isRegularFile ? Int(info.st_size) : 0
        }
    }

    private func rollOver() {
        closeFile()
        if backups > 0 {
            for index in stride(from: backups - 1, through: 1, by: -1) {
                rename("\(path).\(index)", "\(path).\(index + 1)")
            }
            rename(path, "\(path).1")
        } else {
            unlink(path)
        }
        size = 0
        try? open()
    }

    private func writeFully(_ bytes: UnsafeRawBufferPointer) {
        var offset = 0
        while offset < bytes.count {
            let n = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                return
            }
            offset += n
        }
    }
}
