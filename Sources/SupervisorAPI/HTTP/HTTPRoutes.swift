import Glibc
import NIOCore
import NIOHTTP1
import SupervisorCore
import XMLRPC

/// What to send back for a request.
enum HTTPReply {
    case full(HTTPResponseStatus, contentType: String, body: ByteBuffer, headers: [(String, String)] = [])
    /// A response that stays open: `initial`, then every chunk given to the sink that
    /// `subscribe` receives, until the client goes away (then the returned closure ends
    /// the subscription).
    case stream(contentType: String, initial: [UInt8], subscribe: (@escaping ([UInt8]) -> Void) -> () -> Void)

    /// A stream that follows a log as it grows.
    static func follow(_ file: RotatingLogFile, initial: [UInt8]) -> HTTPReply {
        .stream(contentType: "text/plain;charset=utf-8", initial: initial) { send in
            let token = file.addObserver { send(Array($0)) }
            return { file.removeObserver(token) }
        }
    }

    static func status(_ status: HTTPResponseStatus) -> HTTPReply {
        .full(status, contentType: "text/html", body: ByteBuffer(string: "<html><head><title>Error response</title></head><body><h1>Error response</h1><p>Error code \(status.code).</p><p>Message: \(status.reasonPhrase).</p></body></html>"))
    }
}

/// Maps paths to handlers, as the reference's medusa handlers do.
struct HTTPRoutes {
    let supervisor: Supervisor
    let dispatcher: RPCDispatcher

    func reply(method: HTTPMethod, uri: String, headers: HTTPHeaders, body: [UInt8]) -> EventLoopFuture<HTTPReply> {
        let loop = supervisor.eventLoop
        let path = uri.split(separator: "?", maxSplits: 1).first.map(String.init) ?? uri
        if path.hasPrefix("/RPC2") {
            guard method == .POST else { return loop.assumeIsolated().makeSucceededFuture(.status(.badRequest)) }
            return rpc(body)
        }
        if path.hasPrefix("/logtail") {
            guard method == .GET else { return loop.assumeIsolated().makeSucceededFuture(.status(.badRequest)) }
            return loop.assumeIsolated().submit { processTail(path) }
        }
        if path.hasPrefix("/mainlogtail") {
            guard method == .GET else { return loop.assumeIsolated().makeSucceededFuture(.status(.badRequest)) }
            return loop.assumeIsolated().submit { mainTail() }
        }
        return WebRoutes(supervisor: supervisor, dispatcher: dispatcher).reply(method: method, uri: uri, headers: headers, body: body)
    }

    private func rpc(_ body: [UInt8]) -> EventLoopFuture<HTTPReply> {
        let request: XMLRPCRequest
        do {
            request = try XMLRPCRequest.parse(body)
        } catch {
            supervisor.log.error("XML-RPC request data is invalid: \(error)")
            return supervisor.eventLoop.assumeIsolated().makeSucceededFuture(.status(.badRequest))
        }
        guard !request.methodName.isEmpty else {
            supervisor.log.error("XML-RPC request data is invalid: no method name")
            return supervisor.eventLoop.assumeIsolated().makeSucceededFuture(.status(.badRequest))
        }
        supervisor.log.trace("XML-RPC method called: \(request.methodName)()")
        return dispatcher.answer(request).map { answer in
            var body: ResponseBody
            switch answer {
            case .response(let response):
                body = ResponseBody()
                response.encode(into: &body)
            case .encoded(let encoded):
                body = ResponseBody(capacity: encoded.sizeHint)
                XMLRPCResponse.encodeSuccess(into: &body, writeValue: encoded.write)
            }
            return .full(.ok, contentType: "text/xml", body: body.finish())
        }
    }

    /// `/logtail/<name>[/stdout|/stderr]`, 404 when the process or its log is missing.
    private func processTail(_ path: String) -> HTTPReply {
        var rest = Substring(path.dropFirst("/logtail".count))
        while rest.first == "/" { rest.removeFirst() }
        let parts = rest.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).map { String($0).percentDecoded }
        guard let spec = parts.first, !spec.isEmpty else { return .status(.notFound) }
        let stream: OutputChannel = parts.count > 1 && parts[1] == "stderr" ? .stderr : .stdout
        guard let process = try? ProcessLookup(supervisor: supervisor).process(spec),
              let file = process.logs.file(stream), access(file.path, F_OK) == 0 else { return .status(.notFound) }
        return .follow(file, initial: Self.lastBytes(of: file.path, count: 1024))
    }

    private func mainTail() -> HTTPReply {
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
