import Glibc
import NIOCore
import SupervisorCommon

/// Writes formatted child output (timestamps, prefixes, JSON lines) into its log files on a
/// thread of its own, so that the event loop reads and formats the next bytes while the
/// kernel copies the last ones into the page cache. With JSON lines a file gets more than
/// twice what the child wrote (2.2 times for 100-byte lines), and that copy was the largest
/// part of the loop's time.
///
/// Nothing is reordered or lost: one queue, written in the order it was filled, each buffer
/// whole. Whoever needs a file as written calls `flush`, which returns once everything queued
/// is in the files: a rollover (it renames and closes the file), a reader of the file (tail,
/// the log APIs), the exit of the process (its output is in the file before its exit is
/// reported), the end of the daemon. The queue holds at most `queueLength` buffers: beyond
/// that the loop waits for the thread, as it would have waited for its own writes. The thread
/// never waits for the loop (it only posts failures to it), so the loop's waits always end.
///
/// Written buffers come back to the loop to be formatted into again (`spareBuffer`): buffers
/// of a few hundred KiB are mapped afresh by glibc at each allocation, and unmapping them in a
/// process with two threads also costs the other CPU a TLB flush.
///
/// The descriptors stay the loop's: it closes one only after a `flush`, so the thread never
/// writes to a number that was closed and reused meanwhile.
final class LogWriter: @unchecked Sendable {
    // Unchecked: `queue`, `spares`, `writing` and `stopping` are touched only with `mutex`
    // held; the rest is set in `init` and never changes.

    /// Who hears, on the loop, that writing into a file failed (an errno) or works again (nil).
    final class Reporter: Sendable {
        fileprivate let eventLoop: EventLoop
        fileprivate let handler: NIOLoopBound<(Int32?) -> Void>

        init(eventLoop: EventLoop, handler: @escaping (Int32?) -> Void) {
            self.eventLoop = eventLoop
            self.handler = NIOLoopBound(handler, eventLoop: eventLoop)
        }

        fileprivate func tell(_ failure: Int32?) {
            eventLoop.execute { self.handler.value(failure) }
        }
    }

    private struct Job {
        let fd: Int32
        let bytes: ByteBuffer
        let reporter: Reporter
    }

    /// How many buffers may wait to be written.
    private static let queueLength = 8
    /// The largest buffer kept for reuse (at most `queueLength` are kept: after a burst of
    /// formatted output, about 2 MiB stay with the daemon for the next one).
    private static let spareCapacity = 1 << 20
    private let eventLoop: EventLoop
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    /// Signalled when there is something to write, or the writer should stop.
    private let workQueued = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    /// Signalled when the thread wrote what it took from the queue.
    private let written = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private var queue: [Job] = []
    /// Buffers the thread has written, emptied, for the loop to format into again.
    private var spares: [ByteBuffer] = []
    /// The thread took jobs out of the queue and has not finished writing them.
    private var writing = false
    private var stopping = false
    private var thread: pthread_t?

    /// Failures are reported on `eventLoop`.
    init(eventLoop: EventLoop) {
        self.eventLoop = eventLoop
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(workQueued, nil)
        pthread_cond_init(written, nil)
    }

    deinit {
        pthread_cond_destroy(written)
        pthread_cond_destroy(workQueued)
        pthread_mutex_destroy(mutex)
        written.deallocate()
        workQueued.deallocate()
        mutex.deallocate()
    }

    /// What a file hands its buffers over with: `handler` hears, on the loop, that writing
    /// into it failed (an errno) and that it works again (nil).
    func reporter(_ handler: @escaping (Int32?) -> Void) -> Reporter {
        Reporter(eventLoop: eventLoop, handler: handler)
    }

    /// Queues `bytes` to be appended to `fd`. Waits first while the queue is full. False (and
    /// nothing queued) when the thread cannot be started: the caller writes itself.
    func enqueue(_ bytes: ByteBuffer, to fd: Int32, reporter: Reporter) -> Bool {
        guard bytes.readableBytes > 0 else { return true }
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        guard !stopping, startThread() else { return false }
        while queue.count >= Self.queueLength { pthread_cond_wait(written, mutex) }
        queue.append(Job(fd: fd, bytes: bytes, reporter: reporter))
        pthread_cond_signal(workQueued)
        return true
    }

    /// An empty buffer to format into, one written before when there is one.
    func spareBuffer() -> ByteBuffer {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return spares.popLast() ?? ByteBuffer()
    }

    /// Returns once everything queued so far is written.
    func flush() {
        pthread_mutex_lock(mutex)
        while !queue.isEmpty || writing { pthread_cond_wait(written, mutex) }
        pthread_mutex_unlock(mutex)
    }

    /// Writes what is queued, then ends the thread (the daemon is done). Later `enqueue`s decline.
    func stop() {
        pthread_mutex_lock(mutex)
        stopping = true
        pthread_cond_signal(workQueued)
        let running = thread
        pthread_mutex_unlock(mutex)
        if let running { pthread_join(running, nil) }
    }

    /// With `mutex` held.
    private func startThread() -> Bool {
        if thread != nil { return true }
        guard case .success(let started) = HelperThread.start({ self.run() }) else { return false }
        thread = started
        return true
    }

    /// The thread: takes everything queued, writes it outside the lock, and again.
    private func run() {
        // Files whose last write failed: told when one works again (only this thread reads it).
        var failing: Set<ObjectIdentifier> = []
        pthread_mutex_lock(mutex)
        while true {
            while queue.isEmpty && !stopping { pthread_cond_wait(workQueued, mutex) }
            if queue.isEmpty { break }
            var jobs = queue
            queue = []
            writing = true
            pthread_mutex_unlock(mutex)
            for job in jobs {
                let failure = job.bytes.withUnsafeReadableBytes { Self.writeFully($0, to: job.fd) }
                let id = ObjectIdentifier(job.reporter)
                if let failure, failing.insert(id).inserted {
                    job.reporter.tell(failure)
                } else if failure == nil, failing.remove(id) != nil {
                    job.reporter.tell(nil)
                }
            }
            var reusable: [ByteBuffer] = []
            for job in jobs where reusable.count < Self.queueLength && job.bytes.capacity <= Self.spareCapacity {
                reusable.append(job.bytes)
            }
            // Dropped first (and the kept ones moved out below), so that a kept buffer is the only
            // reference to its storage: clearing a shared one would allocate a new one.
            jobs = []
            pthread_mutex_lock(mutex)
            while spares.count < Self.queueLength, var spare = reusable.popLast() {
                spare.clear()
                spares.append(spare)
            }
            writing = false
            pthread_cond_broadcast(written)
        }
        pthread_mutex_unlock(mutex)
    }

    /// Nil when all of `bytes` went to `fd`, else the errno of the write that failed (the rest
    /// of them is dropped). Also what a log file uses when it writes itself.
    static func writeFully(_ bytes: UnsafeRawBufferPointer, to fd: Int32) -> Int32? {
        var offset = 0
        while offset < bytes.count {
            let n = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += n
        }
        return nil
    }
}
