import Glibc
import NIOCore
import NIOPosix

/// A `tcp:` or `http://` attempt. `tcp:` passes as soon as the connection is made (it
/// is closed at once); for `http://` a GET is sent on it and the response's status line
/// decides. `localhost` and IP literals are connected to directly, other names resolved
/// by NIO (off the loop).
final class ConnectProbe: ProbeWork {
    private let host: String
    private let port: Int
    /// The GET to send (`http://`); nil for `tcp:`.
    private let request: String?
    private let eventLoop: EventLoop
    private let timeout: TimeAmount
    private var report: ((ProbeResult) -> Void)?
    /// The channels the bootstrap made (several when a name has several addresses),
    /// closed when the attempt ends.
    private var channels: [Channel] = []

    init(host: String, port: Int, request: String?, eventLoop: EventLoop, timeout: TimeAmount,
         report: @escaping (ProbeResult) -> Void) {
        self.host = host
        self.port = port
        self.request = request
        self.eventLoop = eventLoop
        self.timeout = timeout
        self.report = report
    }

    func start() {
        let probe = NIOLoopBound(self, eventLoop: eventLoop)
        let bootstrap = ClientBootstrap(group: eventLoop)
            .connectTimeout(timeout)
            .channelInitializer { channel in probe.value.adopt(channel) }
        let connecting = if let address = try? SocketAddress(ipAddress: host == "localhost" ? "127.0.0.1" : host, port: port) {
            bootstrap.connect(to: address)
        } else {
            bootstrap.connect(host: host, port: port)
        }
        connecting.assumeIsolated().whenComplete { self.connected($0) }
    }

    func timeUp(reason: String) {
        end(.failed(reason))
    }

    func cancel() {
        report = nil
        closeChannels()
    }

    /// A connection the bootstrap is about to make; refused once the attempt is over.
    private func adopt(_ channel: Channel) -> EventLoopFuture<Void> {
        guard report != nil else { return channel.eventLoop.makeFailedFuture(ChannelError.ioOnClosedChannel) }
        channels.append(channel)
        guard request != nil else { return channel.eventLoop.makeSucceededVoidFuture() }
        return channel.eventLoop.makeCompletedFuture {
            try channel.pipeline.syncOperations.addHandler(HTTPStatusReader { [weak self] result in self?.end(result) })
        }
    }

    private func connected(_ result: Result<Channel, Error>) {
        switch result {
        case .success(let channel):
            if report == nil {
                channel.close(promise: nil)
            } else if let request {
                channel.writeAndFlush(ByteBuffer(string: request), promise: nil)
            } else {
                end(.passed)
            }
        case .failure(ChannelError.connectTimeout):
            end(.failed("timed out after \(ProbeAttempt.secondsText(timeout)) seconds"))
        case .failure(let error):
            end(.failed(Self.failureReason(error)))
        }
    }

    private func end(_ result: ProbeResult) {
        guard let report else { return }
        self.report = nil
        closeChannels()
        report(result)
    }

    private func closeChannels() {
        for channel in channels { channel.close(promise: nil) }
        channels = []
    }

    /// A connection's failure as checks report it: the system's text in lower case
    /// (`connection refused`), or the name that did not resolve.
    static func failureReason(_ error: Error) -> String {
        switch error {
        case let error as IOError:
            String(cString: strerror(error.errnoCode)).lowercased()
        case let error as NIOConnectionError:
            error.connectionErrors.first.map { failureReason($0.error) } ?? "cannot resolve host '\(error.host)'"
        default:
            "\(error)"
        }
    }
}
