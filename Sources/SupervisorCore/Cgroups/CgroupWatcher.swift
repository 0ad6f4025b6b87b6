import Glibc
import NIOCore
import SupervisorCommon

/// Tells the loop when watched cgroup files change (`cgroup.events`, `memory.events`): the
/// kernel reports their changes to inotify as modifications. One inotify descriptor for
/// all of them, watched by a `PipeWatcher` thread, both made on first use; nothing polls.
final class CgroupWatcher {
    private var inotifyFD: Int32 = -1
    private var watcher: PipeWatcher?
    /// What to call for each watch descriptor.
    private var handlers: [Int32: () -> Void] = [:]
    /// inotify events are read whole; one with no name (a watched file) is 16 bytes.
    private let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 4096, alignment: 8)

    deinit {
        buffer.deallocate()
    }

    /// Calls `onChange` on `eventLoop` after changes of the file at `path` (once for
    /// several that come together), until `forget`. Returns the watch to forget.
    func watch(_ path: String, on eventLoop: EventLoop, log: MainLog, onChange: @escaping () -> Void) throws -> Int32 {
        let fd = try startedInotify(on: eventLoop, log: log)
        let watch = inotify_add_watch(fd, path, UInt32(IN_MODIFY))
        guard watch >= 0 else { throw SystemError(errno: errno, what: "inotify_add_watch \(path)") }
        handlers[watch] = onChange
        return watch
    }

    func forget(_ watch: Int32) {
        guard handlers.removeValue(forKey: watch) != nil else { return }
        _ = inotify_rm_watch(inotifyFD, watch)
    }

    /// Ends the thread and closes the descriptor (the daemon finishes).
    func stop() {
        watcher?.stop()
        watcher = nil
        if inotifyFD >= 0 { close(inotifyFD) }
        inotifyFD = -1
        handlers = [:]
    }

    private func startedInotify(on eventLoop: EventLoop, log: MainLog) throws -> Int32 {
        if inotifyFD >= 0 { return inotifyFD }
        let fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard fd >= 0 else { throw SystemError(errno: errno, what: "inotify_init1") }
        let started: PipeWatcher
        do {
            started = try PipeWatcher(eventLoop: eventLoop, onReady: { [weak self] _ in
                self?.readEvents()
            }, onFailure: { error in
                log.critical("cannot watch the processes' cgroups: \(SystemError(errno: error, what: "epoll_wait"))")
            })
        } catch {
            close(fd)
            throw error
        }
        do {
            try started.add(fd)
        } catch {
            started.stop()
            close(fd)
            throw error
        }
        watcher = started
        inotifyFD = fd
        return fd
    }

    /// Reads every pending event, then calls the handlers of the watches that changed.
    private func readEvents() {
        var changed: [Int32] = []
        while true {
            let count = read(inotifyFD, buffer.baseAddress, buffer.count)
            if count <= 0 { break }
            var offset = 0
            while offset + 16 <= count {
                let watch = buffer.load(fromByteOffset: offset, as: Int32.self)
                let mask = buffer.load(fromByteOffset: offset + 4, as: UInt32.self)
                let nameLength = buffer.load(fromByteOffset: offset + 12, as: UInt32.self)
                offset += 16 + Int(nameLength)
                // The file is gone (its cgroup was removed): so is the watch.
                if mask & UInt32(IN_IGNORED) != 0 {
                    handlers[watch] = nil
                } else if !changed.contains(watch) {
                    changed.append(watch)
                }
            }
        }
        watcher?.rearm(inotifyFD)
        for watch in changed { handlers[watch]?() }
    }
}
