import Glibc
import NIOCore
import SupervisorCore

/// A listening socket's accept failures for want of descriptors (EMFILE, ENFILE) or
/// kernel memory. The pending connection keeps the socket readable, so retrying at once
/// would spin: NIO's `AcceptBackoffHandler`, in front of this one, stops accepting for
/// `pause` after such a failure. This handler logs the shortage once when it begins and
/// once when a connection is accepted again, not at every retry; the connections already
/// accepted are served throughout.
final class AcceptShortageHandler: ChannelInboundHandler {
    typealias InboundIn = Channel

    /// How long accepting stops after a failure: new clients wait about this long once
    /// descriptors are free again; an idle daemon retries ten times a second.
    static let pause = TimeAmount.milliseconds(100)

    private let log: MainLog
    private let section: String
    /// Accept failed for want of resources, and nothing has been accepted since.
    private var short = false

    /// The handlers a listening socket's pipeline needs, in order.
    static func handlers(log: MainLog, section: String) -> [ChannelHandler] {
        [
            AcceptBackoffHandler(shouldForwardIOErrorCaught: true) { isShortage($0) ? pause : nil },
            AcceptShortageHandler(log: log, section: section),
        ]
    }

    private init(log: MainLog, section: String) {
        self.log = log
        self.section = section
    }

    private static func isShortage(_ error: IOError) -> Bool {
        [EMFILE, ENFILE, ENOBUFS, ENOMEM].contains(error.errnoCode)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if short {
            short = false
            log.info("server '\(section)' accepting connections again")
        }
        context.fireChannelRead(data)
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        guard let ioError = error as? IOError, Self.isShortage(ioError) else {
            context.fireErrorCaught(error)
            return
        }
        if !short {
            short = true
            let reason = String(cString: strerror(ioError.errnoCode)).lowercased()
            log.warn("server '\(section)' cannot accept connections: \(reason); retrying every \(Self.pause.nanoseconds / 1_000_000) ms")
        }
    }
}
