import NIOCore
import NIOHTTP1
import NIOPosix
import SupervisorCore

/// The paths monitoring systems call (HTTPRoutes lists them): /metrics for Prometheus,
/// /healthz and /readyz for orchestrators' liveness and readiness probes and load
/// balancers. Every value is read when asked: nothing runs between requests.
struct MonitoringRoutes {
    let supervisor: Supervisor
    let activity: DaemonActivity
    /// Whether a request carries the server's credentials (false when it has none).
    let isAuthenticated: (HTTPRequest) -> Bool

    /// /proc is read on a pool thread (it touches no supervisor state; with thousands of
    /// processes it is most of a scrape's work), the document written on the loop.
    func metrics(_ request: HTTPRequest) -> EventLoopFuture<HTTPReply> {
        let format = ExpositionFormat.negotiate(accept: request.headers.first(name: "accept"))
        let pids = supervisor.livePids
        let report = MetricsReport(supervisor: supervisor, activity: activity)
        let readings = NIOThreadPool.singleton.runIfActive(eventLoop: supervisor.eventLoop) { ResourceReadings(pids: pids) }
        return readings.assumeIsolated().map { readings in
            HTTPReply.full(.ok, contentType: format.contentType, body: report.render(format, readings))
        }.nonisolated()
    }

    /// Answered by the event loop, so an answer means the loop is turning.
    func healthz(_ request: HTTPRequest) -> HTTPReply {
        .full(.ok, contentType: "text/plain; charset=utf-8", body: ByteBuffer(string: "ok\n"))
    }

    /// 200 when ready, else 503; the processes that are not ready are named only to a
    /// request with the server's credentials.
    func readyz(_ request: HTTPRequest) -> HTTPReply {
        let readiness = Readiness(supervisor)
        return .full(readiness.isReady ? .ok : .serviceUnavailable, contentType: "application/json",
                     body: ByteBuffer(string: readiness.json(naming: isAuthenticated(request))))
    }
}
