import SupervisorCommon
import SupervisorConfig
/// An incremental HTTP/1.x response reader, fed bytes as they arrive. The same
/// parser serves the one-shot XML-RPC calls and the endless `/logtail` streams,
/// so body bytes are handed out as soon as they are decoded.
nonisolated struct HTTPResponseParser {
    enum State: Equatable {
        case statusLine, headers
        case body(remaining: Int?)  // nil: until the connection closes
        case chunkSize, chunkData(remaining: Int), chunkDataEnd, trailer
        case done
    }

    private(set) var state: State = .statusLine
    private(set) var status = 0
    private(set) var reason = ""
    private var contentLength: Int?
    private var chunked = false
    private var pending: [UInt8] = []

    var headersComplete: Bool {
        switch state {
        case .statusLine, .headers: false
        default: true
        }
    }

    var isComplete: Bool { state == .done }

    /// Consumes `data`, calling `body` with each decoded piece of the body.
    mutating func feed(_ data: [UInt8], body: (ArraySlice<UInt8>) -> Void) throws {
        pending.append(contentsOf: data)
        var offset = 0
        defer { pending.removeFirst(offset) }
        while offset < pending.count || stateNeedsNoInput {
            switch state {
            case .statusLine, .headers, .chunkSize, .chunkDataEnd, .trailer:
                guard let end = lineEnd(from: offset) else { return }
                let line = pending[offset..<end]
                offset = end + 2
                try handleLine(line)
            case let .body(remaining):
                let take = min(remaining ?? Int.max, pending.count - offset)
                body(pending[offset..<offset + take])
                offset += take
                if let remaining {
                    state = remaining == take ? .done : .body(remaining: remaining - take)
                }
            case let .chunkData(remaining):
                let take = min(remaining, pending.count - offset)
                body(pending[offset..<offset + take])
                offset += take
                state = remaining == take ? .chunkDataEnd : .chunkData(remaining: remaining - take)
            case .done:
                return
            }
        }
    }

    /// A zero-length body completes without further input.
    private var stateNeedsNoInput: Bool { state == .body(remaining: 0) }

    /// The peer closed the connection: fine only for a close-delimited body.
    mutating func finish() throws {
        if case .body(remaining: nil) = state { state = .done }
        guard state == .done else {
            throw ControlError(pythonClass: "http.client.RemoteDisconnected",
                               message: "Remote end closed connection without response")
        }
    }

    private func lineEnd(from offset: Int) -> Int? {
        var i = offset
        while i + 1 < pending.count {
            if pending[i] == 0x0D && pending[i + 1] == 0x0A { return i }
            i += 1
        }
        return nil
    }

    private mutating func handleLine(_ line: ArraySlice<UInt8>) throws {
        let text = String(decoding: line, as: UTF8.self)
        switch state {
        case .statusLine:
            // "HTTP/1.1 200 OK"
            let parts = text.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
            guard parts.count >= 2, parts[0].hasPrefix("HTTP/"), let code = Int(parts[1]) else {
                throw ControlError(pythonClass: "http.client.BadStatusLine", message: pythonRepr(text))
            }
            status = code
            reason = parts.count > 2 ? String(parts[2]) : ""
            state = .headers
        case .headers:
            if text.isEmpty {
                state = chunked ? .chunkSize : .body(remaining: contentLength)
                return
            }
            guard let colon = text.firstIndex(of: ":") else { return }
            let name = text[..<colon].lowercased()
            let value = text[text.index(after: colon)...].trimmingWhitespace()
            if name == "transfer-encoding" && value.lowercased().contains("chunked") { chunked = true }
            if name == "content-length", let n = Int(value), n >= 0 { contentLength = n }
        case .chunkSize:
            let sizeText = text.split(separator: ";", maxSplits: 1).first.map { $0.trimmingWhitespace() } ?? ""
            guard let size = Int(sizeText, radix: 16), size >= 0 else {
                throw ControlError(pythonClass: "http.client.IncompleteRead", message: "bad chunk size")
            }
            state = size == 0 ? .trailer : .chunkData(remaining: size)
        case .chunkDataEnd:
            state = .chunkSize
        case .trailer:
            if text.isEmpty { state = .done }
        default:
            break
        }
    }
}
