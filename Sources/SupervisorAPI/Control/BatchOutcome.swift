import NIOCore

/// The outcomes of an operation on several processes: those done at once, in process
/// order, then (when waiting) those that arrive later, in process order, as the
/// reference lists them.
enum BatchOutcome {
    case now([ProcessOutcome])
    case later(EventLoopFuture<[ProcessOutcome]>)
}
