import SupervisorCommon

/// Text made safe for the place it goes: HTML text and attributes, URL query
/// components (JSON strings: SupervisorCommon's `JSON`). Program names and output are untrusted input.
enum HTML {
    private static let entities: [Character: String] = ["&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#x27;"]

    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            if let entity = entities[character] { out += entity } else { out.append(character) }
        }
        return out
    }
}

/// `application/x-www-form-urlencoded`, for query strings and POSTed forms.
enum FormEncoding {
    /// The fields of `a=1&b=x%20y`; the first of a repeated name wins.
    static func decode(_ text: Substring) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = component(parts[0])
            if fields[name] == nil { fields[name] = parts.count > 1 ? component(parts[1]) : "" }
        }
        return fields
    }

    /// Percent-encodes everything but unreserved characters, so the result is safe
    /// in a query and (after HTML escaping, which then changes nothing) in an attribute.
    static func encode(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"),
                 UInt8(ascii: "."), UInt8(ascii: "~"):
                out.append(Character(Unicode.Scalar(byte)))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                out += byte < 16 ? "%0" + hex : "%" + hex
            }
        }
        return out
    }

    /// `a=1&b=2` from ordered pairs.
    static func query(_ fields: [(String, String)]) -> String {
        fields.map { encode($0.0) + "=" + encode($0.1) }.joined(separator: "&")
    }

    private static func component(_ text: Substring) -> String {
        String(text.map { $0 == "+" ? " " : $0 }).percentDecoded
    }
}
