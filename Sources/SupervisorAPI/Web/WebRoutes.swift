import NIOCore
import NIOHTTP1
import SupervisorCore

/// The web interface's paths: the status page, the log pages and their live feeds,
/// the buttons' POST target, and the embedded style sheet and scripts.
struct WebRoutes {
    let supervisor: Supervisor
    let dispatcher: RPCDispatcher

    func reply(method: HTTPMethod, uri: String, headers: HTTPHeaders, body: [UInt8]) -> EventLoopFuture<HTTPReply> {
        let loop = supervisor.eventLoop
        let parts = uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let path = String(parts[0])
        let query = FormEncoding.decode(parts.count > 1 ? parts[1] : "")
        if path == "/action" {
            guard method == .POST else { return loop.assumeIsolated().makeSucceededFuture(.status(.methodNotAllowed)) }
            return act(FormEncoding.decode(Substring(decoding: body, as: UTF8.self)), headers: headers)
        }
        guard method == .GET else { return loop.assumeIsolated().makeSucceededFuture(.status(.methodNotAllowed)) }
        if let asset = WebAssets.reply(for: path) { return loop.assumeIsolated().makeSucceededFuture(asset) }
        return loop.assumeIsolated().submit { page(path, query: query) }
    }

    private func page(_ path: String, query: [String: String]) -> HTTPReply {
        switch path {
        case "/", "/index.html":
            return StatusPage.render(supervisor, message: query["message"])
        case "/events":
            return ProcessEventStream.reply(supervisor)
        case "/tail.html", "/mainlog.html", "/logfollow":
            guard let log = WebLog(query: query, main: path == "/mainlog.html" || query["log"] == "main", supervisor: supervisor) else {
                return path == "/logfollow" ? .status(.notFound) : LogPage.missing(query["processname"], supervisor: supervisor)
            }
            return path == "/logfollow" ? log.follow(from: Int(query["offset"] ?? "") ?? 0) : LogPage.render(log, supervisor: supervisor)
        default:
            return .status(.notFound)
        }
    }

    /// A button press: checked against CSRF, run through the dispatcher, answered with
    /// JSON for the page's script or with a redirect to the page for a plain form.
    private func act(_ form: [String: String], headers: HTTPHeaders) -> EventLoopFuture<HTTPReply> {
        let loop = supervisor.eventLoop
        guard CSRFGuard.accepts(token: form["token"], headers: headers) else {
            return loop.assumeIsolated().makeSucceededFuture(.status(.forbidden))
        }
        let namespec = form["processname"] ?? ""
        guard let action = WebAction(rawValue: form["action"] ?? ""), !action.needsProcess || !namespec.isEmpty else {
            return loop.assumeIsolated().makeSucceededFuture(.status(.badRequest))
        }
        let wantsJSON = headers.first(name: "accept")?.contains("application/json") ?? false
        return action.run(on: dispatcher, namespec: namespec).map { result in
            if wantsJSON {
                let json = JSON.object([("ok", result.ok ? "true" : "false"), ("message", JSON.string(result.message))])
                return .full(.ok, contentType: "application/json", body: ByteBuffer(string: json))
            }
            return .full(.seeOther, contentType: "text/plain", body: ByteBuffer(),
                         headers: [("Location", "/?" + FormEncoding.query([("message", result.message)]))])
        }
    }
}
