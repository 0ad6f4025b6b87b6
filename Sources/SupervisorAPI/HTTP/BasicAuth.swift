import NIOCore
import SupervisorConfig
import XMLRPC

/// HTTP basic authentication against one username and a plain or `{SHA}`-hashed password,
/// in front of every route: a request without the right credentials gets 401.
struct BasicAuth: HTTPMiddleware {
    let credentials: Credentials

    func reply(to request: HTTPRequest, next: (HTTPRequest) -> EventLoopFuture<HTTPReply>) -> EventLoopFuture<HTTPReply> {
        guard accepts(request.headers.first(name: "authorization")) else {
            return request.eventLoop.makeSucceededFuture(.status(.unauthorized, headers: [("WWW-Authenticate", "Basic realm=\"default\"")]))
        }
        return next(request)
    }

    /// True when the `Authorization` header carries the right credentials.
    private func accepts(_ header: String?) -> Bool {
        guard let header, header.count > 6, header.prefix(6).lowercased() == "basic " else { return false }
        guard let decoded = Base64.decode(Array(header.dropFirst(6).utf8).filter { $0 != 32 }),
              let colon = decoded.firstIndex(of: UInt8(ascii: ":")) else { return false }
        let user = Array(decoded[..<colon])
        let password = Array(decoded[(colon + 1)...])
        let userMatches = Self.constantTimeEqual(user, Array(credentials.username.utf8))
        return passwordMatches(password) && userMatches
    }

    private func passwordMatches(_ given: [UInt8]) -> Bool {
        let stored = credentials.password
        if stored.hasPrefix("{SHA}") {
            let expected = Array(stored.dropFirst(5).lowercased().utf8)
            return Self.constantTimeEqual(Array(SHA1.hexDigest(given).utf8), expected)
        }
        return Self.constantTimeEqual(given, Array(stored.utf8))
    }

    /// Compares without an early exit, so timing does not reveal how much matched.
    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        var difference = UInt8(truncatingIfNeeded: a.count ^ b.count)
        for index in 0..<max(a.count, b.count) {
            let x = index < a.count ? a[index] : 0
            let y = index < b.count ? b[index] : 0
            difference |= x ^ y
        }
        return difference == 0
    }
}

/// SHA-1, only for the reference's `{SHA}` password format.
enum SHA1 {
    static func hexDigest(_ message: [UInt8]) -> String {
        var h: [UInt32] = [0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0]
        var data = message
        let bitLength = UInt64(message.count) * 8
        data.append(0x80)
        while data.count % 64 != 56 { data.append(0) }
        for shift in stride(from: 56, through: 0, by: -8) { data.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift))) }
        var w = [UInt32](repeating: 0, count: 80)
        for chunk in stride(from: 0, to: data.count, by: 64) {
            for i in 0..<16 {
                let b = chunk + i * 4
                w[i] = UInt32(data[b]) << 24 | UInt32(data[b + 1]) << 16 | UInt32(data[b + 2]) << 8 | UInt32(data[b + 3])
            }
            for i in 16..<80 { w[i] = rotl(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1) }
            var (a, b, c, d, e) = (h[0], h[1], h[2], h[3], h[4])
            for i in 0..<80 {
                let (f, k): (UInt32, UInt32) = switch i {
                case 0..<20: ((b & c) | (~b & d), 0x5A827999)
                case 20..<40: (b ^ c ^ d, 0x6ED9EBA1)
                case 40..<60: ((b & c) | (b & d) | (c & d), 0x8F1BBCDC)
                default: (b ^ c ^ d, 0xCA62C1D6)
                }
                let temp = rotl(a, 5) &+ f &+ e &+ k &+ w[i]
                (e, d, c, b, a) = (d, c, rotl(b, 30), a, temp)
            }
            h[0] = h[0] &+ a; h[1] = h[1] &+ b; h[2] = h[2] &+ c; h[3] = h[3] &+ d; h[4] = h[4] &+ e
        }
        return h.map { word in
            let hex = String(word, radix: 16)
            return String(repeating: "0", count: 8 - hex.count) + hex
        }.joined()
    }

    private static func rotl(_ x: UInt32, _ n: UInt32) -> UInt32 { (x << n) | (x >> (32 - n)) }
}
