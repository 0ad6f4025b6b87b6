import CSupervisor
import Glibc
import NIOCore
import NIOPosix
import NIOHTTP1
import SupervisorConfig
import SupervisorCore
import XMLRPC

/// Every path the HTTP servers answer, in one table: XML-RPC and the log tails as the
/// reference's medusa handlers match them (by prefix, 400 for another method), then the
/// web interface (exact paths, 405 for another method), then the monitoring paths (GET
/// and HEAD), then the JSON API (every method; its own errors, in JSON); basic auth, when the server has credentials, goes in front of all of them
/// but the monitoring paths `monitoringAuth` leaves open.
struct HTTPRoutes {
    let supervisor: Supervisor
    let dispatcher: RPCDispatcher
    let activity: DaemonActivity

    func router(auth: BasicAuth?, monitoringAuth: MonitoringAuth) -> HTTPRouter {
        let web = WebRoutes(supervisor: supervisor, dispatcher: dispatcher)
        let monitoring = MonitoringRoutes(supervisor: supervisor, activity: activity) { auth?.admits($0) ?? false }
        return HTTPRouter(middleware: auth.map { [$0] } ?? [], routes: [
            HTTPRoute(.prefix("/RPC2"), .POST, otherwise: .badRequest, rpc),
            HTTPRoute(.prefix("/logtail"), .GET, otherwise: .badRequest, processTail),
            HTTPRoute(.prefix("/mainlogtail"), .GET, otherwise: .badRequest, mainTail),
            HTTPRoute(.exactly("/action"), .POST, otherwise: .methodNotAllowed, web.act),
            HTTPRoute(.exactly("/"), .GET, otherwise: .methodNotAllowed, web.statusPage),
            HTTPRoute(.exactly("/index.html"), .GET, otherwise: .methodNotAllowed, web.statusPage),
            HTTPRoute(.exactly("/events"), .GET, otherwise: .methodNotAllowed, web.events),
            HTTPRoute(.exactly("/tail.html"), .GET, otherwise: .methodNotAllowed, web.logPage),
            HTTPRoute(.exactly("/mainlog.html"), .GET, otherwise: .methodNotAllowed, web.logPage),
            HTTPRoute(.exactly("/logfollow"), .GET, otherwise: .methodNotAllowed, web.logFollow),
            HTTPRoute(.exactly("/ui/style.css"), .GET, otherwise: .methodNotAllowed, web.asset),
            HTTPRoute(.exactly("/ui/status.js"), .GET, otherwise: .methodNotAllowed, web.asset),
            HTTPRoute(.exactly("/ui/tail.js"), .GET, otherwise: .methodNotAllowed, web.asset),
            HTTPRoute(.exactly("/api/v1/events"), .GET, otherwise: .methodNotAllowed, LiveEventStream(supervisor: supervisor, journal: activity.journal).reply),
            HTTPRoute(.exactly("/metrics"), .GET, otherwise: .methodNotAllowed, monitoring.metrics)
                .answeringHead().guarded(monitoringAuth.metrics),
            HTTPRoute(.exactly("/healthz"), .GET, otherwise: .methodNotAllowed, monitoring.healthz)
                .answeringHead().guarded(monitoringAuth.probes),
            HTTPRoute(.exactly("/readyz"), .GET, otherwise: .methodNotAllowed, monitoring.readyz)
                .answeringHead().guarded(monitoringAuth.probes),
            HTTPRoute(.prefix(Endpoint.prefix), .GET, otherwise: .methodNotAllowed, JSONAPIRoutes(supervisor: supervisor).reply)
                .answeringEveryMethod(),
        ], fallback: HTTPRoute(.all, .GET, otherwise: .methodNotAllowed) { _ in .status(.notFound) })
    }

    private func rpc(_ http: HTTPRequest) -> EventLoopFuture<HTTPReply> {
        let loop = supervisor.eventLoop
        guard http.body.count >= Self.parseElsewhereBytes else {
            return answer(http, Result { try XMLRPCRequest.parse(http.body) })
        }
        // A large body (a multicall of thousands of calls) is parsed on a pool thread: the
        // parse touches no supervisor state, and the loop keeps serving everyone meanwhile.
        let body = http.body
        let parsed = NIOThreadPool.singleton.runIfActive(eventLoop: loop) { try XMLRPCRequest.parse(body) }
        let reply = loop.makePromise(of: HTTPReply.self)
        parsed.assumeIsolated().whenComplete { result in
            answer(http, result).assumeIsolated().whenComplete { reply.assumeIsolated().completeWith($0) }
        }
        return reply.futureResult
    }

    /// Bodies at least this large are parsed off the loop.
    private static let parseElsewhereBytes = 64 * 1024

    private func answer(_ http: HTTPRequest, _ parsed: Result<XMLRPCRequest, Error>) -> EventLoopFuture<HTTPReply> {
        let request: XMLRPCRequest
        do {
            request = try parsed.get()
        } catch {
            supervisor.log.error("XML-RPC request data is invalid: \(error)")
            return supervisor.eventLoop.assumeIsolated().makeSucceededFuture(.status(.badRequest))
        }
        guard !request.methodName.isEmpty else {
            supervisor.log.error("XML-RPC request data is invalid: no method name")
            return supervisor.eventLoop.assumeIsolated().makeSucceededFuture(.status(.badRequest))
        }
        supervisor.log.trace("XML-RPC method called: \(request.methodName)()")
        return dispatcher.answer(request).assumeIsolated().map { answer in
            var body: ResponseBody
            switch answer {
            case .response(let response):
                body = ResponseBody()
                response.encode(into: &body)
            case .encoded(let encoded):
                body = ResponseBody(capacity: encoded.sizeHint)
                XMLRPCResponse.encodeSuccess(into: &body, writeValue: encoded.write)
            }
            if http.body.count >= Self.largeRequestBytes { releaseFreeMemoryLater() }
            return HTTPReply.full(.ok, contentType: "text/xml", body: body.finish())
        }.nonisolated()
    }

    /// A request this large (a multicall of thousands of calls) is parsed into many small
    /// allocations; once freed they stay in the heap, megabytes of it, unless trimmed.
    private static let largeRequestBytes = 1 << 20

    /// Trims the heap on the loop's next task, when the request and its results are gone.
    private func releaseFreeMemoryLater() {
        supervisor.eventLoop.execute { sv_release_free_memory() }
    }

    /// `/logtail/<name>[/stdout|/stderr]`, 404 when the process or its log is missing.
    private func processTail(_ request: HTTPRequest) -> HTTPReply {
        var rest = Substring(request.path.dropFirst("/logtail".count))
        while rest.first == "/" { rest.removeFirst() }
        let parts = rest.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).map { String($0).percentDecoded }
        guard let spec = parts.first, !spec.isEmpty else { return .status(.notFound) }
        let stream: OutputChannel = parts.count > 1 && parts[1] == "stderr" ? .stderr : .stdout
        guard let process = try? ProcessLookup(supervisor: supervisor).process(spec),
              let file = process.logs.file(stream), access(file.path, F_OK) == 0 else { return .status(.notFound) }
        // What is sent from now on comes from the file's observers: the file first holds all before.
        file.flush()
        return .follow(file, initial: Self.lastBytes(of: file.path, count: 1024))
    }

    private func mainTail(_ request: HTTPRequest) -> HTTPReply {
        guard let file = supervisor.log.logFile, access(file.path, F_OK) == 0 else { return .status(.notFound) }
        return .follow(file, initial: Self.lastBytes(of: file.path, count: 1024))
    }

    static func lastBytes(of path: String, count: Int) -> [UInt8] {
        (try? LogFileReader.read(path: path, offset: -count, length: 0)) ?? []
    }
}

extension String {
    /// `%xx` escapes decoded; invalid escapes are kept as written.
    var percentDecoded: String {
        var bytes: [UInt8] = []
        var iterator = Array(utf8)[...]
        while let byte = iterator.popFirst() {
            if byte == UInt8(ascii: "%"), iterator.count >= 2,
               let value = UInt8(String(decoding: iterator.prefix(2), as: UTF8.self), radix: 16) {
                bytes.append(value)
                iterator = iterator.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
