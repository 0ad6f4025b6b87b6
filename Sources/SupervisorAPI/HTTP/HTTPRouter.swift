import NIOCore

/// A route table: the first route whose paths contain the request's path answers it (the
/// fallback when none does), behind the middleware, outermost first, unless the route is
/// not guarded.
struct HTTPRouter {
    let middleware: [HTTPMiddleware]
    let routes: [HTTPRoute]
    let fallback: HTTPRoute

    func reply(to request: HTTPRequest) -> EventLoopFuture<HTTPReply> {
        let route = routes.first { $0.paths.contain(request.path) } ?? fallback
        guard route.isGuarded else { return route.reply(to: request) }
        let chain = middleware.reversed().reduce(route.reply) { next, step in
            { request in step.reply(to: request, next: next) }
        }
        return chain(request)
    }
}
