import NIOCore

/// The processes' timers (startsecs, stopwaitsecs, backoff retries) in one heap, behind a
/// single loop timer set for the earliest of them.
///
/// NIO's own scheduled tasks are cancelled by searching the loop's whole task heap, and
/// each carries a promise; stopping 2,000 processes arms and then cancels 2,000
/// stopwaitsecs timers, and that search was a fifth of the daemon's work. Here a timer
/// knows its place in the heap, so arming and cancelling cost O(log n) and no allocation
/// beyond the timer itself. Owned by the loop, like the rest of the supervisor's state.
public final class TimerQueue {
    /// One pending piece of work; pass it back to `cancel`.
    public final class Entry {
        fileprivate let deadline: NIODeadline
        /// Arming order: equal deadlines fire first come, first served.
        fileprivate let sequence: UInt64
        fileprivate let work: () -> Void
        /// Where it sits in the heap; -1 once it fired or was cancelled.
        fileprivate var index: Int

        fileprivate init(deadline: NIODeadline, sequence: UInt64, work: @escaping () -> Void, index: Int) {
            self.deadline = deadline
            self.sequence = sequence
            self.work = work
            self.index = index
        }

        fileprivate func precedes(_ other: Entry) -> Bool {
            deadline < other.deadline || (deadline == other.deadline && sequence < other.sequence)
        }
    }

    private let eventLoop: EventLoop
    private var heap: [Entry] = []
    private var armed: (deadline: NIODeadline, task: Scheduled<Void>)?
    private var nextSequence: UInt64 = 0

    public init(eventLoop: EventLoop) {
        self.eventLoop = eventLoop
    }

    public var count: Int { heap.count }

    /// Runs `work` on the loop after `delay`, unless cancelled first.
    @discardableResult
    public func schedule(after delay: TimeAmount, _ work: @escaping () -> Void) -> Entry {
        nextSequence += 1
        let timer = Entry(deadline: eventLoop.now + delay, sequence: nextSequence, work: work, index: heap.count)
        heap.append(timer)
        siftUp(timer.index)
        armForEarliest()
        return timer
    }

    /// Drops `timer` if it has not fired yet.
    public func cancel(_ timer: Entry) {
        guard timer.index >= 0 else { return }
        remove(at: timer.index)
        armForEarliest()
    }

    // MARK: - Firing

    /// Keeps the loop timer at or before the earliest deadline. A later loop timer left
    /// over from a cancelled one simply fires early and re-arms; with nothing pending
    /// there is no loop timer at all, so an idle daemon is not woken.
    private func armForEarliest() {
        guard let earliest = heap.first?.deadline else {
            armed?.task.cancel()
            armed = nil
            return
        }
        if let armed, armed.deadline <= earliest { return }
        armed?.task.cancel()
        let task = eventLoop.assumeIsolated().scheduleTask(deadline: earliest) { [unowned self] in self.fireDue() }
        armed = (earliest, task)
    }

    private func fireDue() {
        armed = nil
        // One at a time: the work may arm or cancel other timers.
        while let first = heap.first, first.deadline <= eventLoop.now {
            remove(at: 0)
            first.work()
        }
        armForEarliest()
    }

    // MARK: - Heap

    private func remove(at index: Int) {
        let removed = heap[index]
        let last = heap.removeLast()
        removed.index = -1
        guard index < heap.count else { return }
        heap[index] = last
        last.index = index
        siftDown(index)
        siftUp(last.index)
    }

    private func siftUp(_ start: Int) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].precedes(heap[parent]) else { return }
            swapAt(child, parent)
            child = parent
        }
    }

    private func siftDown(_ start: Int) {
        var parent = start
        while true {
            var first = parent
            let left = 2 * parent + 1, right = left + 1
            if left < heap.count && heap[left].precedes(heap[first]) { first = left }
            if right < heap.count && heap[right].precedes(heap[first]) { first = right }
            if first == parent { return }
            swapAt(parent, first)
            parent = first
        }
    }

    private func swapAt(_ a: Int, _ b: Int) {
        heap.swapAt(a, b)
        heap[a].index = a
        heap[b].index = b
    }
}
