import NIOCore
import NIOPosix

/// An HTTP server on the test loop answering every request, once its headers are in, with
/// `response` and closing; with no response it never answers. Reports the first request's
/// text and the end of the first connection.
final class TestHTTPServer: Sendable {
    let port: Int
    let firstRequest: EventLoopFuture<String>
    let firstConnectionClosed: EventLoopFuture<Void>
    private let channel: Channel

    init(on loop: EventLoop, response: String?) throws {
        let request = loop.makePromise(of: String.self)
        let closed = loop.makePromise(of: Void.self)
        channel = try ServerBootstrap(group: loop)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(
                        OneResponseHandler(response: response, request: request, closed: closed))
                }
            }
            .bind(host: "127.0.0.1", port: 0).wait()
        port = channel.localAddress!.port!
        firstRequest = request.futureResult
        firstConnectionClosed = closed.futureResult
    }

    deinit {
        try? channel.close().wait()
    }
}

private final class OneResponseHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer
    private let response: String?
    private let request: EventLoopPromise<String>
    private let closed: EventLoopPromise<Void>
    private var text = ""

    init(response: String?, request: EventLoopPromise<String>, closed: EventLoopPromise<Void>) {
        self.response = response
        self.request = request
        self.closed = closed
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        text += String(buffer: unwrapInboundIn(data))
        guard text.contains("\r\n\r\n") else { return }
        request.succeed(text)
        guard let response else { return }
        context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: response))).assumeIsolated().whenComplete { _ in
            context.close(promise: nil)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        closed.succeed()
    }
}
