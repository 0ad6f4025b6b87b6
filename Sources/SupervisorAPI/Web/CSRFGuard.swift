import NIOHTTP1
import SupervisorCommon

/// Keeps other sites from making a logged-in browser press the page's buttons:
/// every form carries a token that only pages served by this daemon know, and a
/// browser's Origin (or Referer) must name the host the request went to.
enum CSRFGuard {
    /// Random per daemon run; pages from an earlier run must be reloaded.
    static let token: String = {
        var generator = SystemRandomNumberGenerator()
        return (0..<4).map { _ in
            let hex = String(generator.next() as UInt64, radix: 16)
            return String(repeating: "0", count: 16 - hex.count) + hex
        }.joined()
    }()

    static func accepts(token given: String?, headers: HTTPHeaders) -> Bool {
        guard let given, ConstantTime.equal(given, token) else { return false }
        let host = headers.first(name: "host")?.lowercased()
        if let origin = headers.first(name: "origin") {
            return host != nil && authority(of: origin) == host
        }
        if let referer = headers.first(name: "referer") {
            return host != nil && authority(of: referer) == host
        }
        // No browser-sent source at all (curl, scripts): the token alone decides.
        return true
    }

    /// `host:port` of `http://host:port/path`; nil for `null` or anything without a scheme.
    private static func authority(of url: String) -> String? {
        guard let schemeEnd = url.firstRange(of: "://") else { return nil }
        let rest = url[schemeEnd.upperBound...]
        return String(rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }).lowercased()
    }
}
