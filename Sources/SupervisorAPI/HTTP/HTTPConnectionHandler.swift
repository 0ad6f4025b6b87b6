import NIOCore
import NIOHTTP1
import SupervisorCore

/// One HTTP connection: collects a request (with a size cap), asks the router for a reply
/// and writes it; keep-alive and HTTP/1.0 as the client asks. The connection belongs to
/// the daemon generation whose router it has: when that generation ends it is closed,
/// after the reply in flight, and a stream is ended. A client that shuts down its side
/// after a request (half-close) gets the reply before the connection closes.
final class HTTPConnectionHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    /// Sent down the pipeline of every connection of a generation when it ends.
    struct GenerationEnded {}

    /// Largest request body accepted; XML-RPC calls are small.
    static let maxBodyBytes = 4 * 1024 * 1024
    /// A connection that sends nothing for this long while no reply is due is closed.
    static let idleSeconds: Int64 = 60
    /// A stream (live tail, web events) whose reader falls this far behind is cut off instead of buffering more.
    static let maxPendingStreamBytes = 8 * 1024 * 1024

    private let router: HTTPRouter
    private var head: HTTPRequestHead?
    private var body: [UInt8] = []
    private var tooLarge = false
    /// A reply is being made or a stream is open.
    private var busy = false
    /// Ends the subscription feeding a streamed reply.
    private var unsubscribe: (() -> Void)?
    /// The generation has ended: the reply in flight is the last.
    private var generationEnded = false
    /// The client sends nothing more: the reply in flight is the last.
    private var inputClosed = false

    private var isLastReply: Bool { generationEnded || inputClosed }

    init(router: HTTPRouter) {
        self.router = router
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
        // A request that arrives after the generation ended has no supervisor to answer it.
        guard !generationEnded else {
            context.close(promise: nil)
            return
        }
        if tooLarge {
            // The JSON API answers its errors in JSON, this one too.
            let refusal = Endpoint.claims(requestHead.uri) ? APIError.tooLarge(limit: Self.maxBodyBytes).reply : .status(.payloadTooLarge)
            write(context: context, reply: refusal, head: requestHead, keepAlive: false)
            return
        }
        busy = true
        let request = HTTPRequest(head: requestHead, body: body, eventLoop: context.eventLoop)
        body = []
        router.reply(to: request).assumeIsolated().whenComplete { [self] result in
            busy = false
            switch result {
            case .success(let reply): write(context: context, reply: reply, head: requestHead, keepAlive: requestHead.isKeepAlive && !isLastReply)
            case .failure: write(context: context, reply: .status(.internalServerError), head: requestHead, keepAlive: false)
            }
        }
    }

    private func write(context: ChannelHandlerContext, reply: HTTPReply, head requestHead: HTTPRequestHead, keepAlive: Bool) {
        var headers = HTTPHeaders()
        switch reply {
        case .full(let status, let contentType, let bytes, let replyHeaders):
            headers.add(contentsOf: replyHeaders)
            headers.add(name: "Content-Type", value: contentType)
            headers.add(name: "Content-Length", value: "\(bytes.readableBytes)")
            if !keepAlive { headers.add(name: "Connection", value: "close") }
            else if requestHead.version.major == 1 && requestHead.version.minor == 0 { headers.add(name: "Connection", value: "Keep-Alive") }
            context.write(wrapOutboundOut(.head(HTTPResponseHead(version: requestHead.version, status: status, headers: headers))), promise: nil)
            // A HEAD reply says what a GET would get (its length included), without the body.
            if requestHead.method != .HEAD { context.write(wrapOutboundOut(.body(.byteBuffer(bytes))), promise: nil) }
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
            if isLastReply {
                endStream(context: context)
            } else {
                follow(subscribe, context: context)
            }
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

    /// Ends a streamed reply cleanly (the chunked terminator for HTTP/1.1), then closes.
    private func endStream(context: ChannelHandlerContext) {
        stopFollowing()
        context.writeAndFlush(wrapOutboundOut(.end(nil))).assumeIsolated().whenComplete { _ in context.close(promise: nil) }
    }

    /// Closes now when idle or streaming; a reply being made is written first.
    private func closeAfterReply(context: ChannelHandlerContext) {
        if unsubscribe != nil {
            endStream(context: context)
        } else if !busy {
            context.close(promise: nil)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        stopFollowing()
        context.fireChannelInactive()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is GenerationEnded {
            generationEnded = true
            closeAfterReply(context: context)
            return
        }
        if let channelEvent = event as? ChannelEvent, channelEvent == .inputClosed {
            inputClosed = true
            closeAfterReply(context: context)
            return
        }
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
