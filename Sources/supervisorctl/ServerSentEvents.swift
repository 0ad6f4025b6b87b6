/// Decodes a Server-Sent Events body as it arrives: complete messages (`event:` and
/// `data:` fields up to a blank line) come out, a partial one waits for the rest.
nonisolated struct ServerSentEvents {
    struct Message: Equatable {
        var event = "message"
        var data = ""
        var id: String?
    }

    private var pending: [UInt8] = []
    private var message = Message()
    private var hasData = false

    mutating func feed(_ bytes: some Collection<UInt8>) -> [Message] {
        pending.append(contentsOf: bytes)
        var messages: [Message] = []
        var start = 0
        while let newline = pending[start...].firstIndex(of: UInt8(ascii: "\n")) {
            var line = pending[start..<newline]
            if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
            start = newline + 1
            if line.isEmpty {
                if hasData { messages.append(message) }
                message = Message()
                hasData = false
            } else {
                field(String(decoding: line, as: UTF8.self))
            }
        }
        pending.removeFirst(start)
        return messages
    }

    private mutating func field(_ line: String) {
        guard !line.hasPrefix(":") else { return }  // a comment
        let (name, value) = line.firstIndex(of: ":").map { colon in
            var value = line[line.index(after: colon)...]
            if value.first == " " { value = value.dropFirst() }
            return (String(line[..<colon]), String(value))
        } ?? (line, "")
        switch name {
        case "event": message.event = value
        case "data":
            message.data += hasData ? "\n" + value : value
            hasData = true
        case "id": message.id = value
        default: break
        }
    }
}
