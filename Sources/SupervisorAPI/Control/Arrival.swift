import NIOCore

/// When a single-process operation is done: now, or when the process gets where it was
/// sent (the future fails with the `ControlError` of a start that ended elsewhere).
enum Arrival {
    case now
    case later(EventLoopFuture<Void>)

    func future(on loop: EventLoop) -> EventLoopFuture<Void> {
        switch self {
        case .now: loop.makeSucceededVoidFuture()
        case .later(let arrival): arrival
        }
    }
}
