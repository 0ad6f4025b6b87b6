import NIOCore
import NIOHTTP1

/// One line of the route table: which paths, the one method they answer (and HEAD, for
/// some), the status for any other method, the handler, and whether the table's
/// middleware (credentials) stands in front of it.
struct HTTPRoute {
    enum Paths {
        case exactly(String)
        /// Every path starting with this, as the reference's medusa handlers match.
        case prefix(String)
        /// Every path: the table's fallback.
        case all

        func contain(_ path: String) -> Bool {
            switch self {
            case .exactly(let wanted): path == wanted
            case .prefix(let start): path.hasPrefix(start)
            case .all: true
            }
        }
    }

    typealias Handler = (HTTPRequest) -> EventLoopFuture<HTTPReply>

    let paths: Paths
    let method: HTTPMethod
    let otherMethodStatus: HTTPResponseStatus
    let handler: Handler
    /// Also answers HEAD: the handler's reply without its body.
    private(set) var answersHead = false
    /// Hands every method to the handler, which answers the ones it does not take itself.
    private(set) var answersEveryMethod = false
    /// Behind the table's middleware.
    private(set) var isGuarded = true

    init(_ paths: Paths, _ method: HTTPMethod, otherwise otherMethodStatus: HTTPResponseStatus, _ handler: @escaping Handler) {
        self.paths = paths
        self.method = method
        self.otherMethodStatus = otherMethodStatus
        self.handler = handler
    }

    /// For a handler that has its reply at once.
    init(_ paths: Paths, _ method: HTTPMethod, otherwise otherMethodStatus: HTTPResponseStatus,
         _ handler: @escaping (HTTPRequest) -> HTTPReply) {
        self.init(paths, method, otherwise: otherMethodStatus) { request in
            request.eventLoop.assumeIsolated().makeSucceededFuture(handler(request))
        }
    }

    /// The route, answering HEAD too.
    func answeringHead() -> HTTPRoute {
        var route = self
        route.answersHead = true
        return route
    }

    /// The route, handing every method to its handler.
    func answeringEveryMethod() -> HTTPRoute {
        var route = self
        route.answersEveryMethod = true
        return route
    }

    /// The route, behind the middleware only when `guarded`.
    func guarded(_ guarded: Bool) -> HTTPRoute {
        var route = self
        route.isGuarded = guarded
        return route
    }

    func reply(to request: HTTPRequest) -> EventLoopFuture<HTTPReply> {
        guard request.method == method || answersEveryMethod || (answersHead && request.method == .HEAD) else { return request.eventLoop.assumeIsolated().makeSucceededFuture(.status(otherMethodStatus)) }
        return handler(request)
    }
}
