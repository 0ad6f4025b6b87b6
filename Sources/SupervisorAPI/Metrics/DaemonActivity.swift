import SupervisorCore

/// What the daemon counts over its whole life, across its restarts (each of which makes
/// a fresh Supervisor and servers): reloads and XML-RPC requests, for /metrics, and the
/// numbered events of /api/v1/events. Used on the event loop only.
public final class DaemonActivity {
    /// Wall-clock seconds when the daemon started.
    public let startTime = WallClock.now()
    /// Restarts of the daemon in place (SIGHUP, `supervisor.restart`, `supervisorctl reload`).
    public private(set) var reloads = 0
    /// Requests to /RPC2 by method and outcome (`ok` or the fault's name).
    private(set) var rpcRequests: [RPCRequestKind: Int] = [:]
    /// The events /api/v1/events numbers and replays.
    let journal = EventJournal()

    public init() {}

    public func reloaded() {
        reloads += 1
    }

    func answered(method: String, outcome: String) {
        rpcRequests[RPCRequestKind(method: method, outcome: outcome), default: 0] += 1
    }
}
