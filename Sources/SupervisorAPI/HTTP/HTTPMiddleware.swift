import NIOCore

/// A step in front of every route (e.g. authentication): answers the request itself or
/// passes it on to `next`.
protocol HTTPMiddleware {
    func reply(to request: HTTPRequest, next: (HTTPRequest) -> EventLoopFuture<HTTPReply>) -> EventLoopFuture<HTTPReply>
}
