/// Rewords argument-parser errors the way Python's getopt (the reference's parser) words them.
enum UsageMessage {
    static func getoptWording(_ message: String) -> String {
        let option = firstQuoted(message).map { String($0.split(separator: " ").first ?? "") }
        if message.hasPrefix("Unknown option"), let option { return "option \(option) not recognized" }
        if message.hasPrefix("Missing value"), let option { return "option \(option) requires argument" }
        return message.split(separator: "\n").first.map(String.init) ?? message
    }

    private static func firstQuoted(_ text: String) -> Substring? {
        guard let open = text.firstIndex(of: "'") else { return nil }
        let rest = text[text.index(after: open)...]
        guard let close = rest.firstIndex(of: "'") else { return nil }
        return rest[..<close]
    }
}
