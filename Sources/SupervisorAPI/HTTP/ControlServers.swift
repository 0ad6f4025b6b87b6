import NIOCore
import NIOHTTP1
import NIOPosix
import SupervisorConfig
import SupervisorCore

/// The HTTP servers of `[unix_http_server]` and `[inet_http_server]`: XML-RPC at /RPC2,
/// log streams at /logtail and /mainlogtail, and the web page at /.
public final class ControlServers {
    private var channels: [Channel] = []

    /// Binds the configured sockets (before daemonizing).
    public static func bind(_ config: Configuration) throws -> BoundListeners {
        try ListenerBinder.bind(config)
    }

    /// Serves the bound sockets on `loop` for `supervisor`.
    public static func start(_ bound: BoundListeners, supervisor: Supervisor, on loop: EventLoop) -> ControlServers {
        let servers = ControlServers()
        let dispatcher = RPCDispatcher(supervisor: supervisor)
        let routes = NIOLoopBound(HTTPRoutes(supervisor: supervisor, dispatcher: dispatcher), eventLoop: loop)
        for listener in bound.listeners {
            supervisor.log.info("RPC interface 'supervisor' initialized")
            if listener.credentials == nil {
                supervisor.log.critical("Server '\(listener.section)' running without any HTTP authentication checking")
            }
            let auth = listener.credentials.map(BasicAuth.init)
            ServerBootstrap(group: loop)
                .serverChannelOption(.backlog, value: 128)
                .childChannelOption(.allowRemoteHalfClosure, value: false)
                .childChannelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        let sync = channel.pipeline.syncOperations
                        try sync.configureHTTPServerPipeline(withErrorHandling: true)
                        try sync.addHandler(IdleStateHandler(readTimeout: .seconds(HTTPConnectionHandler.idleSeconds)))
                        try sync.addHandler(HTTPConnectionHandler(routes: routes.value, auth: auth))
                    }
                }
                .withBoundSocket(listener.fd)
                .assumeIsolated()
                .whenComplete { result in
                    switch result {
                    case .success(let channel): servers.channels.append(channel)
                    case .failure(let error): supervisor.log.critical("cannot serve \(listener.section): \(error)")
                    }
                }
        }
        return servers
    }

    /// Stops accepting connections.
    public func close(on loop: EventLoop) -> EventLoopFuture<Void> {
        let closing = channels.map { $0.close() }
        channels = []
        return EventLoopFuture.andAllComplete(closing, on: loop)
    }
}
