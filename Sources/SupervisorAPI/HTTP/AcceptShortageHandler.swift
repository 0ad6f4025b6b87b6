import Glibc
import NIOCore
import SupervisorCore

/// A listening socket's accept failures for want of descriptors (EMFILE, ENFILE). NIO
/// leaves the socket registered for readability after a failed accept, and the pending
/// connection keeps it readable, so the loop would retry at once, forever (NIO's
/// `AcceptBackoffHandler` only delays the next read request, which does not stop this).
/// So the handler keeps one descriptor in reserve: on such a failure it frees it, accepts
/// the pending connection and closes it at once (the client sees the connection closed
/// instead of hanging in the backlog), and takes the reserve again. The backlog drains,
/// the loop sleeps, the connections already accepted are served throughout. The shortage
/// is logged once when it begins and once when a connection is accepted again.
final class AcceptShortageHandler: ChannelInboundHandler {
    typealias InboundIn = Channel

    private let log: MainLog
    private let section: String
    private let listeningSocket: Int32
    /// Opened while descriptors are plentiful, given up to accept a connection in a shortage.
    private var reserve: Int32
    /// Accept failed for want of descriptors, and nothing has been accepted since.
    private var short = false

    init(log: MainLog, section: String, listeningSocket: Int32) {
        self.log = log
        self.section = section
        self.listeningSocket = listeningSocket
        reserve = Self.openReserve()
    }

    deinit {
        if reserve >= 0 { Glibc.close(reserve) }
    }

    private static func openReserve() -> Int32 {
        open("/dev/null", O_RDONLY | O_CLOEXEC)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if short {
            short = false
            log.info("server '\(section)' accepting connections again")
        }
        context.fireChannelRead(data)
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        guard let ioError = error as? IOError, ioError.errnoCode == EMFILE || ioError.errnoCode == ENFILE else {
            context.fireErrorCaught(error)
            return
        }
        if !short {
            short = true
            let reason = String(cString: strerror(ioError.errnoCode)).lowercased()
            log.warn("server '\(section)' cannot accept connections: \(reason); closing new connections until descriptors are free")
        }
        turnAway()
    }

    /// Accepts the pending connection with the reserve descriptor and closes it.
    private func turnAway() {
        if reserve < 0 { reserve = Self.openReserve() }
        guard reserve >= 0 else { return }
        Glibc.close(reserve)
        // Closed before anything else runs on this thread, the only one that spawns.
        let connection = accept(listeningSocket, nil, nil)
        if connection >= 0 { Glibc.close(connection) }
        reserve = Self.openReserve()
    }
}
