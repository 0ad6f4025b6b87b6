import NIOCore
import NIOHTTP1
import NIOPosix
import SupervisorConfig
import SupervisorCore

/// The HTTP servers of `[unix_http_server]` and `[inet_http_server]` for one daemon
/// generation: XML-RPC at /RPC2, log streams at /logtail and /mainlogtail, and the web
/// page at / (HTTPRoutes lists them all).
public final class ControlServers {
    private var listeningChannels: [Channel] = []
    /// The accepted connections still open; they belong to this generation.
    private var connections: [ObjectIdentifier: Channel] = [:]

    /// Binds the configured sockets (before daemonizing).
    public static func bind(_ config: Configuration) throws -> BoundListeners {
        try ListenerBinder.bind(config)
    }

    /// Serves the bound sockets on `loop` for `supervisor`; `activity` counts across generations.
    public static func start(_ bound: BoundListeners, supervisor: Supervisor, activity: DaemonActivity,
                             on loop: EventLoop) -> ControlServers {
        let servers = ControlServers()
        let dispatcher = RPCDispatcher(supervisor: supervisor, activity: activity)
        let routes = HTTPRoutes(supervisor: supervisor, dispatcher: dispatcher, activity: activity)
        // Before the supervisor starts: its first events are numbered too.
        activity.journal.record(supervisor)
        for listener in bound.listeners {
            supervisor.log.info("RPC interface 'supervisor' initialized")
            if listener.credentials == nil {
                supervisor.log.critical("Server '\(listener.section)' running without any HTTP authentication checking")
            }
            // The loop is the group's only one: connections are accepted and served on it.
            let router = NIOLoopBound(routes.router(auth: listener.credentials.map(BasicAuth.init),
                                                    monitoringAuth: listener.monitoringAuth), eventLoop: loop)
            // Strong, but the listening channel that holds this is closed and dropped by `close`.
            let tracker = NIOLoopBound(servers, eventLoop: loop)
            let log = NIOLoopBound(supervisor.log, eventLoop: loop)
            let section = listener.section
            let listeningSocket = listener.fd
            ServerBootstrap(group: loop)
                .serverChannelOption(.backlog, value: 128)
                .serverChannelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(
                            AcceptShortageHandler(log: log.value, section: section, listeningSocket: listeningSocket))
                    }
                }
                // A client may shut down its side once it has sent a request; it is
                // still answered (HTTPConnectionHandler closes after the reply).
                .childChannelOption(.allowRemoteHalfClosure, value: true)
                .childChannelInitializer { channel in
                    tracker.value.track(channel)
                    return channel.eventLoop.makeCompletedFuture {
                        let sync = channel.pipeline.syncOperations
                        try sync.configureHTTPServerPipeline(withErrorHandling: true)
                        try sync.addHandler(IdleStateHandler(readTimeout: .seconds(HTTPConnectionHandler.idleSeconds)))
                        try sync.addHandler(HTTPConnectionHandler(router: router.value))
                    }
                }
                .withBoundSocket(listener.fd)
                .assumeIsolated()
                .whenComplete { result in
                    switch result {
                    case .success(let channel): servers.listeningChannels.append(channel)
                    case .failure(let error): supervisor.log.critical("cannot serve \(listener.section): \(error)")
                    }
                }
        }
        return servers
    }

    private func track(_ connection: Channel) {
        let id = ObjectIdentifier(connection)
        connections[id] = connection
        connection.closeFuture.assumeIsolated().whenComplete { [weak self] _ in self?.connections[id] = nil }
    }

    /// Ends the generation's HTTP service: stops accepting connections, and closes the
    /// open ones (each after the reply it is making; streams are ended), so that none
    /// answers for, or keeps alive, a supervisor that is gone. Completes once the
    /// listening sockets are closed.
    public func close(on loop: EventLoop) -> EventLoopFuture<Void> {
        let closing = listeningChannels.map { $0.close() }
        listeningChannels = []
        for connection in connections.values {
            connection.pipeline.fireUserInboundEventTriggered(HTTPConnectionHandler.GenerationEnded())
        }
        return EventLoopFuture.andAllComplete(closing, on: loop)
    }
}
