import SupervisorConfig
import XMLRPC

/// HTTP basic authentication against one username and a plain or `{SHA}`-hashed password.
struct BasicAuth {
    let credentials: Credentials

    /// True when the `Authorization` header carries the right credentials.
    func accepts(_ header: String?) -> Bool {
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
