import SupervisorCommon

/// The states of an event listener, as the reference names them.
public enum ListenerState: Int, Sendable {
    case ready = 10
    case busy = 20
    case acknowledged = 30
    case unknown = 40

    public var name: String {
        switch self {
        case .ready: "READY"
        case .busy: "BUSY"
        case .acknowledged: "ACKNOWLEDGED"
        case .unknown: "UNKNOWN"
        }
    }
}

/// Reads what a listener writes on stdout: `READY\n` when it wants an event, then
/// `RESULT <len>\n<result>` after handling one. Anything else makes it UNKNOWN for good.
struct ListenerProtocol {
    enum Outcome: Equatable {
        case ready
        /// The listener answered; the default handler accepts exactly `OK`.
        case result([UInt8])
        case badResultLine(String)
        case garbage
    }

    private static let readyToken = Array("READY\n".utf8)
    private static let resultPrefix = Array("RESULT ".utf8)

    private(set) var state: ListenerState = .acknowledged
    private var buffer: [UInt8] = []
    private var resultLength: Int?

    /// A new listener process starts out ACKNOWLEDGED, waiting for its first READY.
    mutating func reset() {
        state = .acknowledged
        buffer = []
        resultLength = nil
    }

    /// The supervisor sent an event.
    mutating func sent() {
        state = .busy
    }

    mutating func feed(_ bytes: UnsafeRawBufferPointer) -> [Outcome] {
        guard state != .unknown else { return [] }
        buffer.append(contentsOf: bytes)
        var outcomes: [Outcome] = []
        while !buffer.isEmpty, let outcome = step() {
            outcomes.append(outcome)
            if state == .unknown { buffer = [] }
        }
        return outcomes
    }

    /// Consumes one complete message from the buffer, or returns nil when more is needed.
    private mutating func step() -> Outcome? {
        switch state {
        case .unknown:
            buffer = []
            return nil
        case .acknowledged:
            guard buffer.count >= Self.readyToken.count else { return nil }
            if buffer.starts(with: Self.readyToken) {
                buffer.removeFirst(Self.readyToken.count)
                state = .ready
                return .ready
            }
            state = .unknown
            return .garbage
        case .ready:
            // Data while it should be waiting for an event: the reference is strict here.
            state = .unknown
            return .garbage
        case .busy:
            if let length = resultLength {
                guard buffer.count >= length else { return nil }
                let result = Array(buffer.prefix(length))
                buffer.removeFirst(length)
                resultLength = nil
                state = .acknowledged
                return .result(result)
            }
            guard let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) else { return nil }
            let line = Array(buffer[..<newline])
            buffer.removeFirst(newline + 1)
            // Like the reference, skip the token's length without checking what is there.
            let digits = line.dropFirst(Self.resultPrefix.count)
            guard let length = Int(String(decoding: digits, as: UTF8.self).trimmingWhitespace()), length >= 0 else {
                state = .unknown
                return .badResultLine(String(decoding: line, as: UTF8.self))
            }
            resultLength = length
            return step() ?? nil
        }
    }
}
