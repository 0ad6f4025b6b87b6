import NIOCore
import SupervisorCommon
import SupervisorConfig
import XMLRPC

/// HTTP basic authentication against one username and a plain or `{SHA}`-hashed password,
/// in front of every route: a request without the right credentials gets 401.
struct BasicAuth: HTTPMiddleware {
    let credentials: Credentials

    func reply(to request: HTTPRequest, next: (HTTPRequest) -> EventLoopFuture<HTTPReply>) -> EventLoopFuture<HTTPReply> {
        guard admits(request) else {
            // The JSON API answers its errors in JSON, this one too.
            let refusal = Endpoint.claims(request.path) ? APIError.unauthorized.reply
                : .status(.unauthorized, headers: [("WWW-Authenticate", "Basic realm=\"default\"")])
            return request.eventLoop.assumeIsolated().makeSucceededFuture(refusal)
        }
        return next(request)
    }

    /// Whether the request carries the right credentials.
    func admits(_ request: HTTPRequest) -> Bool {
        accepts(request.headers.first(name: "authorization"))
    }

    /// True when the `Authorization` header carries the right credentials.
    private func accepts(_ header: String?) -> Bool {
        guard let header, header.count > 6, header.prefix(6).lowercased() == "basic " else { return false }
        guard let decoded = Base64.decode(Array(header.dropFirst(6).utf8).filter { $0 != 32 }),
              let colon = decoded.firstIndex(of: UInt8(ascii: ":")) else { return false }
        let user = Array(decoded[..<colon])
        let password = Array(decoded[(colon + 1)...])
        let userMatches = ConstantTime.equal(user, Array(credentials.username.utf8))
        return passwordMatches(password) && userMatches
    }

    private func passwordMatches(_ given: [UInt8]) -> Bool {
        let stored = credentials.password
        if stored.hasPrefix("{SHA}") {
            let expected = Array(stored.dropFirst(5).lowercased().utf8)
            return ConstantTime.equal(Array(SHA1.hexDigest(given).utf8), expected)
        }
        return ConstantTime.equal(given, Array(stored.utf8))
    }
}
