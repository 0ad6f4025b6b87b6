import CSupervisor
import Glibc
import NIOCore
import SupervisorCommon

/// Whoever takes what a child writes: a supervised process, or a check command (`exec:`).
protocol OutputRecorder: AnyObject {
    /// Named in the error when the pipe cannot be read.
    var name: String { get }
    func recordOutput(_ bytes: UnsafeRawBufferPointer, stream: OutputChannel)
    /// Takes output straight from the pipe `source` (splice), or declines: it is then read
    /// and handed to `recordOutput`.
    func spliceOutput(from source: Int32, stream: OutputChannel, limit: Int) -> RotatingLogFile.SpliceOutcome
}

extension Subprocess: OutputRecorder {}

/// The parent's end of one of a child's stdout/stderr pipes.
final class OutputPipe {
    fileprivate(set) var fd: Int32
    let stream: OutputChannel
    /// Whose output this is; kept until the pipe closes, which may be after the process
    /// exited or was removed (a grandchild can hold the pipe: nothing written is lost).
    let process: any OutputRecorder
    /// Whether the pipe was made bigger for a fast writer.
    fileprivate var grown = false

    fileprivate init(fd: Int32, stream: OutputChannel, process: any OutputRecorder) {
        self.fd = fd
        self.stream = stream
        self.process = process
    }

    var isOpen: Bool { fd >= 0 }
}

/// Reads the children's output pipes on the loop: when the watcher reports data, and
/// when a process exits (so what it wrote is logged before its exit is).
final class OutputPipes {
    /// Most read in one turn before other events get theirs.
    private static let turnBudget = 1 << 20
    /// What a pipe grows to once a read found it full (64 KiB, the default size): its writer
    /// then blocks less often, and each wake-up of the loop reads more.
    private static let busyPipeSize: Int32 = 1 << 20
    private static let defaultPipeSize = 64 * 1024
    private let eventLoop: EventLoop
    private let log: MainLog
    private var watcher: PipeWatcher?
    private var pipes: [Int32: OutputPipe] = [:]
    /// One read buffer for every pipe: reads happen one at a time, on the loop. (Bigger reads
    /// measured slower: what is read is formatted while it is still in the cache.)
    private let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 16)

    init(eventLoop: EventLoop, log: MainLog) {
        self.eventLoop = eventLoop
        self.log = log
    }

    deinit {
        buffer.deallocate()
    }

    /// Takes over `fd`, the parent's end of a new child's `stream`. Nil (and `fd` closed)
    /// when it cannot be watched.
    func attach(fd: Int32, stream: OutputChannel, process: any OutputRecorder) -> OutputPipe? {
        do {
            let flags = fcntl(fd, F_GETFL)
            guard flags >= 0, fcntl(fd, F_SETFL, flags | O_NONBLOCK) == 0 else {
                throw SystemError(errno: errno, what: "fcntl")
            }
            try startedWatcher().add(fd)
        } catch {
            Glibc.close(fd)
            log.error("cannot read \(stream.rawValue) of '\(process.name)': \(error)")
            return nil
        }
        let pipe = OutputPipe(fd: fd, stream: stream, process: process)
        pipes[fd] = pipe
        return pipe
    }

    /// Reads what is waiting in `pipe` now (its writer exited).
    func drain(_ pipe: OutputPipe) {
        if pipe.isOpen { serve(pipe) }
    }

    /// Stops reading `pipe` and closes it: its recorder wants no more (a check command
    /// has ended; a grandchild may still hold the other end).
    func release(_ pipe: OutputPipe) {
        if pipe.isOpen { finish(pipe) }
    }

    /// Stops watching and closes every pipe (the supervisor is done).
    func close() {
        watcher?.stop()
        watcher = nil
        for pipe in pipes.values {
            Glibc.close(pipe.fd)
            pipe.fd = -1
        }
        pipes = [:]
    }

    private func startedWatcher() throws -> PipeWatcher {
        if let watcher { return watcher }
        let started = try PipeWatcher(eventLoop: eventLoop, onReady: { [weak self] fds in
            guard let self else { return }
            for fd in fds {
                if let pipe = self.pipes[fd] { self.serve(pipe) }
            }
        }, onFailure: { [weak self] error in
            self?.log.critical("cannot watch child output: \(SystemError(errno: error, what: "epoll_wait"))")
        })
        watcher = started
        return started
    }

    /// Reads until the pipe is empty (then waits for the next report), closed, or the
    /// turn's budget is spent (then goes on after the events queued meanwhile). What the
    /// recorder takes straight from the pipe is not read.
    private func serve(_ pipe: OutputPipe) {
        var total = 0
        while total < Self.turnBudget {
            switch pipe.process.spliceOutput(from: pipe.fd, stream: pipe.stream, limit: Self.turnBudget - total) {
            case .moved(let count):
                total += count
                continue
            case .empty:
                watcher?.rearm(pipe.fd)
                return
            case .closed:
                finish(pipe)
                return
            case .declined:
                break
            }
            let count = Glibc.read(pipe.fd, buffer.baseAddress, buffer.count)
            if count > 0 {
                total += count
                if count >= Self.defaultPipeSize && !pipe.grown {
                    // Only once: a pipe that cannot grow (the user's allowance) stays as it is.
                    pipe.grown = true
                    _ = sv_grow_pipe(pipe.fd, Self.busyPipeSize)
                }
                pipe.process.recordOutput(UnsafeRawBufferPointer(rebasing: buffer[0..<count]), stream: pipe.stream)
            } else if count < 0 && errno == EINTR {
                continue
            } else if count < 0 && errno == EAGAIN {
                watcher?.rearm(pipe.fd)
                return
            } else {
                finish(pipe)
                return
            }
        }
        eventLoop.assumeIsolated().execute { [weak self] in
            if pipe.isOpen { self?.serve(pipe) }
        }
    }

    private func finish(_ pipe: OutputPipe) {
        // No epoll_ctl(DEL) first: the read end has no other descriptor (it is close-on-exec
        // and never put in the spawn slots), so closing it takes it out of the epoll set;
        // that spares a system call per pipe when thousands of children stop.
        pipes[pipe.fd] = nil
        Glibc.close(pipe.fd)
        pipe.fd = -1
    }
}
