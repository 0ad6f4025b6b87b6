import NIOCore

/// The outcomes of an operation on several processes: those done at once, in process
/// order, then (when waiting) those that arrive later, in process order, as the
/// reference lists them.
enum BatchOutcome {
    case now([ProcessOutcome])
    case later(EventLoopFuture<[ProcessOutcome]>)

    /// Done when every process got where it was sent (their errors stay theirs).
    func done(on loop: EventLoop) -> EventLoopFuture<Void> {
        switch self {
        case .now: loop.makeSucceededVoidFuture()
        case .later(let outcomes): outcomes.map { _ in }
        }
    }

    /// The outcomes, now or when they arrive.
    func outcomes(on loop: EventLoop) -> EventLoopFuture<[ProcessOutcome]> {
        switch self {
        case .now(let outcomes): loop.assumeIsolated().makeSucceededFuture(outcomes)
        case .later(let outcomes): outcomes
        }
    }
}
