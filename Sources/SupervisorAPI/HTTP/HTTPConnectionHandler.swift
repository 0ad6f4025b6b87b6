import NIOCore
import NIOHTTP1
import SupervisorCore

/// One HTTP connection: collects a request (with a size cap), checks credentials, asks
/// the routes for a reply and writes it; keep-alive and HTTP/1.0 as the client asks.
final class HTTPConnectionHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    /// Largest request body accepted; XML-RPC calls are small.
    static let maxBodyBytes = 4 * 1024 * 1024
    /// A connection that sends nothing for this long while no reply is due is closed.
    static let idleSeconds: Int64 = 60
    /// A stream (live tail, web events) whose reader falls this far behind is cut off instead of buffering more.
    static let maxPendingStreamBytes = 8 * 1024 * 1024

    private let routes: HTTPRoutes
    private let auth: BasicAuth?
    private var head: HTTPRequestHead?
    private var body: [UInt8] = []
    private var tooLarge = false
    private var busy = false
    /// Ends the subscription feeding a streamed reply.
    private var unsubscribe: (() -> Void)?

    init(routes: HTTPRoutes, auth: BasicAuth?) {
        self.routes = routes
        self.auth = auth
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let requestHead):
            head = requestHead
            body = []
            tooLarge = false
        case .body(var chunk):
            guard !tooLarge else { return }
            if body.count + chunk.readableBytes > Self.maxBodyBytes {
                tooLarge = true
                body = []
            } else {
                body += chunk.readBytes(length: chunk.readableBytes) ?? []
            }
        case .end:
            guard let requestHead = head else { return }
            head = nil
            respond(context: context, to: requestHead)
        }
    }

    private func respond(context: ChannelHandlerContext, to requestHead: HTTPRequestHead) {
        let keepAlive = requestHead.isKeepAlive
        if tooLarge {
            write(context: context, reply: .status(.payloadTooLarge), head: requestHead, keepAlive: false)
            return
        }
        if let auth, !auth.accepts(requestHead.headers.first(name: "authorization")) {
            write(context: context, reply: .status(.unauthorized), head: requestHead, keepAlive: keepAlive,
                  extraHeaders: [("WWW-Authenticate", "Basic realm=\"default\"")])
            return
        }
        busy = true
        let requestBody = body
        body = []
        routes.reply(method: requestHead.method, uri: requestHead.uri, headers: requestHead.headers, body: requestBody).assumeIsolated().whenComplete { [self] result in
            busy = false
            switch result {
            case .success(let reply): write(context: context, reply: reply, head: requestHead, keepAlive: keepAlive)
            case .failure: write(context: context, reply: .status(.internalServerError), head: requestHead, keepAlive: false)
            }
        }
    }

    private func write(context: ChannelHandlerContext, reply: HTTPReply, head requestHead: HTTPRequestHead,
                       keepAlive: Bool, extraHeaders: [(String, String)] = []) {
        var headers = HTTPHeaders(extraHeaders)
        switch reply {
        case .full(let status, let contentType, let bytes, let replyHeaders):
            headers.add(contentsOf: replyHeaders)
            headers.add(name: "Content-Type", value: contentType)
            headers.add(name: "Content-Length", value: "\(bytes.readableBytes)")
            if !keepAlive { headers.add(name: "Connection", value: "close") }
            else if requestHead.version.major == 1 && requestHead.version.minor == 0 { headers.add(name: "Connection", value: "Keep-Alive") }
            context.write(wrapOutboundOut(.head(HTTPResponseHead(version: requestHead.version, status: status, headers: headers))), promise: nil)
            context.write(wrapOutboundOut(.body(.byteBuffer(bytes))), promise: nil)
            let done = context.writeAndFlush(wrapOutboundOut(.end(nil)))
            if !keepAlive { done.assumeIsolated().whenComplete { _ in context.close(promise: nil) } }
        case .stream(let contentType, let initial, let subscribe):
            headers.add(name: "Content-Type", value: contentType)
            headers.add(name: "X-Accel-Buffering", value: "no")
            // Without a length, HTTP/1.1 gets chunks; HTTP/1.0 gets the stream until close.
            if requestHead.version.minor == 1 { headers.add(name: "Transfer-Encoding", value: "chunked") }
            headers.add(name: "Connection", value: "close")
            context.write(wrapOutboundOut(.head(HTTPResponseHead(version: requestHead.version, status: .ok, headers: headers))), promise: nil)
            if !initial.isEmpty { context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: initial)))), promise: nil) }
            context.flush()
            follow(subscribe, context: context)
        }
    }

    /// Sends every chunk the source produces, until the client goes away or falls too far behind.
    private func follow(_ subscribe: (@escaping ([UInt8]) -> Void) -> () -> Void, context: ChannelHandlerContext) {
        let channel = context.channel
        unsubscribe = subscribe { [weak self] bytes in
            guard let self else { return }
            let pending = (try? channel.syncOptions?.getOption(.bufferedWritableBytes)) ?? 0
            if pending > Self.maxPendingStreamBytes {
                self.stopFollowing()
                context.close(promise: nil)
                return
            }
            context.writeAndFlush(self.wrapOutboundOut(.body(.byteBuffer(channel.allocator.buffer(bytes: bytes)))), promise: nil)
        }
        busy = true
    }

    private func stopFollowing() {
        unsubscribe?()
        unsubscribe = nil
    }

    func channelInactive(context: ChannelHandlerContext) {
        stopFollowing()
        context.fireChannelInactive()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let idle = event as? IdleStateHandler.IdleStateEvent, idle == .read, !busy, head == nil {
            context.close(promise: nil)
            return
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        stopFollowing()
        context.close(promise: nil)
    }
}
