import CSupervisor
import Glibc
import NIOCore
import NIOPosix

/// Gzip-compresses rotated log files (`*_logfile_compress`), one at a time in the order they
/// were rotated, on a background thread: the event loop never waits for zlib. `NAME` is
/// compressed into `NAME.gz.tmp`, which is renamed to `NAME.gz` once complete and synced;
/// only then is `NAME` removed. A crash meanwhile leaves `NAME` whole (and a stray `.tmp`,
/// removed at the next start).
///
/// Rotations keep renaming files while one is being compressed (`app.log.1` becomes
/// `app.log.2`): they report each rename and removal here, so a compression finishes under
/// the file's current name, and the result of a file deleted meanwhile is dropped. One
/// compressor serves all of the daemon's logs across restarts, so a log reopened by a new
/// generation sees the files still queued by the previous one. Everything here runs on the
/// event loop except `sv_gzip_file`.
public final class LogCompressor {
    /// Runs blocking `work` on another thread and hands its result (0 or an errno) back on
    /// the event loop; nil when it could not run it.
    public typealias Runner = (_ work: @escaping @Sendable () -> Int32, _ done: @escaping (Int32?) -> Void) -> Void

    /// One file to compress, and who hears how it went (nil: done; an errno: failed).
    private final class Job {
        /// Where the file is now; nil once it was removed.
        var source: String?
        /// Where the compression is written while it runs.
        var partial: String?
        let outcome: (String, Int32?) -> Void

        init(source: String, outcome: @escaping (String, Int32?) -> Void) {
            self.source = source
            self.outcome = outcome
        }
    }

    private var waiting: [Job] = []
    private var running: Job?
    /// Until there is one (the event loop has not started yet), files wait in the queue.
    public var runner: Runner? {
        didSet { startNext() }
    }

    public init(runner: Runner? = nil) {
        self.runner = runner
    }

    /// A runner on the shared NIO thread pool, answering on `loop`.
    public static func threadPoolRunner(on loop: EventLoop) -> Runner {
        { work, done in
            NIOThreadPool.singleton.runIfActive(eventLoop: loop, work).assumeIsolated().whenComplete { result in
                done(try? result.get())
            }
        }
    }

    /// Queues `path` for compression; `outcome` is told its name when it is done or failed.
    func compress(_ path: String, outcome: @escaping (_ path: String, _ failure: Int32?) -> Void) {
        waiting.append(Job(source: path, outcome: outcome))
        startNext()
    }

    /// Whether `path` waits for compression or is being compressed.
    func isQueued(_ path: String) -> Bool {
        running?.source == path || waiting.contains { $0.source == path }
    }

    /// Whether `path` is the partial output of the compression running now.
    func isWriting(_ path: String) -> Bool { running?.partial == path }

    /// `from` was renamed to `to`, replacing what was there.
    func moved(from: String, to: String) {
        removed(to)
        for job in jobs where job.source == from { job.source = to }
    }

    /// `path` was deleted: its compression is dropped.
    func removed(_ path: String) {
        for job in jobs where job.source == path { job.source = nil }
        waiting.removeAll { $0.source == nil }
    }

    private var jobs: [Job] { (running.map { [$0] } ?? []) + waiting }

    private func startNext() {
        guard running == nil, let runner, !waiting.isEmpty else { return }
        let job = waiting.removeFirst()
        guard let source = job.source else { return startNext() }
        // Opened here, not on the worker: by the time it runs, a rotation may have put
        // another file under this name.
        let fd = open(source, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            if errno != ENOENT { job.outcome(source, errno) }
            return startNext()
        }
        let partial = source + ".gz.tmp"
        job.partial = partial
        running = job
        runner({ sv_gzip_file(fd, partial) }, { [self] failure in
            if failure == nil { close(fd) }
            finish(job, failure ?? ECANCELED)
        })
    }

    private func finish(_ job: Job, _ failure: Int32) {
        running = nil
        defer { startNext() }
        guard let partial = job.partial else { return }
        guard let source = job.source else {
            unlink(partial)
            return
        }
        guard failure == 0 else { return job.outcome(source, failure) }
        guard rename(partial, source + ".gz") == 0 else {
            let error = errno
            unlink(partial)
            return job.outcome(source, error)
        }
        unlink(source)
        job.outcome(source, nil)
    }
}
