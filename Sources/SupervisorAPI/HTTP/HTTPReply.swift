import NIOCore
import NIOHTTP1
import SupervisorCore

/// What to send back for a request.
enum HTTPReply {
    case full(HTTPResponseStatus, contentType: String, body: ByteBuffer, headers: [(String, String)] = [])
    /// A response that stays open: `initial`, then every chunk given to the sink that
    /// `subscribe` receives, until the client goes away or the connection's generation
    /// ends (then the returned closure ends the subscription).
    case stream(contentType: String, initial: [UInt8], subscribe: (@escaping ([UInt8]) -> Void) -> () -> Void)

    /// A stream that follows a log as it grows.
    static func follow(_ file: RotatingLogFile, initial: [UInt8]) -> HTTPReply {
        .stream(contentType: "text/plain;charset=utf-8", initial: initial) { send in
            let token = file.addObserver { send(Array($0)) }
            return { file.removeObserver(token) }
        }
    }

    static func status(_ status: HTTPResponseStatus, headers: [(String, String)] = []) -> HTTPReply {
        .full(status, contentType: "text/html", body: ByteBuffer(string: "<html><head><title>Error response</title></head><body><h1>Error response</h1><p>Error code \(status.code).</p><p>Message: \(status.reasonPhrase).</p></body></html>"),
              headers: headers)
    }
}
