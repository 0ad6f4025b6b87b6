import NIOCore
import NIOHTTP1
import SupervisorCommon
import SupervisorCore

/// The web interface's handlers (HTTPRoutes lists their paths): the status page, the log
/// pages and their live feeds, the buttons' POST target, and the embedded style sheet and
/// scripts.
struct WebRoutes {
    let supervisor: Supervisor
    let dispatcher: RPCDispatcher

    func statusPage(_ request: HTTPRequest) -> HTTPReply {
        StatusPage.render(supervisor, message: FormEncoding.decode(request.query)["message"])
    }

    func events(_ request: HTTPRequest) -> HTTPReply {
        ProcessEventStream.reply(supervisor, resources: FormEncoding.decode(request.query)["resources"] == "1")
    }

    /// `/tail.html` (a process's log) and `/mainlog.html`.
    func logPage(_ request: HTTPRequest) -> HTTPReply {
        let query = FormEncoding.decode(request.query)
        guard let log = webLog(request.path, query: query) else { return LogPage.missing(query["processname"], supervisor: supervisor) }
        return LogPage.render(log, supervisor: supervisor)
    }

    /// `/logfollow`: the pages' live feed of a log.
    func logFollow(_ request: HTTPRequest) -> HTTPReply {
        let query = FormEncoding.decode(request.query)
        guard let log = webLog(request.path, query: query) else { return .status(.notFound) }
        return log.follow(from: Int(query["offset"] ?? "") ?? 0)
    }

    func asset(_ request: HTTPRequest) -> HTTPReply {
        WebAssets.reply(for: request.path) ?? .status(.notFound)
    }

    private func webLog(_ path: String, query: [String: String]) -> WebLog? {
        WebLog(query: query, main: path == "/mainlog.html" || query["log"] == "main", supervisor: supervisor)
    }

    /// A button press: checked against CSRF, run through the dispatcher, answered with
    /// JSON for the page's script or with a redirect to the page for a plain form.
    func act(_ request: HTTPRequest) -> EventLoopFuture<HTTPReply> {
        let loop = supervisor.eventLoop
        let form = FormEncoding.decode(Substring(decoding: request.body, as: UTF8.self))
        let headers = request.headers
        guard CSRFGuard.accepts(token: form["token"], headers: headers) else {
            return loop.assumeIsolated().makeSucceededFuture(.status(.forbidden))
        }
        let namespec = form["processname"] ?? ""
        guard let action = WebAction(rawValue: form["action"] ?? ""), !action.needsProcess || !namespec.isEmpty else {
            return loop.assumeIsolated().makeSucceededFuture(.status(.badRequest))
        }
        let wantsJSON = headers.first(name: "accept")?.contains("application/json") ?? false
        return action.run(with: ProcessController(supervisor: supervisor), namespec: namespec).map { result in
            if wantsJSON {
                let json = JSON.object([("ok", result.ok ? "true" : "false"), ("message", JSON.string(result.message))])
                return .full(.ok, contentType: "application/json", body: ByteBuffer(string: json))
            }
            return .full(.seeOther, contentType: "text/plain", body: ByteBuffer(),
                         headers: [("Location", "/?" + FormEncoding.query([("message", result.message)]))])
        }
    }
}
