import NIOCore
import NIOHTTP1

/// A complete request as the routes see it.
struct HTTPRequest {
    let method: HTTPMethod
    /// The target as sent, query included.
    let uri: String
    /// The target up to the first `?`.
    let path: String
    /// What follows the first `?` (empty without one).
    let query: Substring
    let headers: HTTPHeaders
    let body: [UInt8]
    /// The connection's loop, for the replies' futures.
    let eventLoop: EventLoop

    init(head: HTTPRequestHead, body: [UInt8], eventLoop: EventLoop) {
        method = head.method
        uri = head.uri
        let parts = head.uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        path = String(parts[0])
        query = parts.count > 1 ? parts[1] : ""
        headers = head.headers
        self.body = body
        self.eventLoop = eventLoop
    }
}
