/// Splits a stream's output into ordinary output and the parts a process wraps in
/// `<!--XSUPERVISOR:BEGIN-->` … `<!--XSUPERVISOR:END-->` (PROCESS_COMMUNICATION events).
/// Inactive (everything is ordinary) when `capture_maxbytes` is 0.
struct CaptureMode {
    enum Piece: Equatable {
        case output([UInt8])
        /// Bytes that went into the capture under way: as the reference, they are echoed
        /// to the main log and sent as log events, though not written to the log file.
        case capturing([UInt8])
        /// A completed capture, keeping at most the last `maxBytes` bytes, as the reference does.
        case captured([UInt8])
    }

    static let begin = Array("<!--XSUPERVISOR:BEGIN-->".utf8)
    static let end = Array("<!--XSUPERVISOR:END-->".utf8)

    let maxBytes: Int
    private var capturing = false
    private var pending: [UInt8] = []
    private var captured: [UInt8] = []

    init(maxBytes: Int) {
        self.maxBytes = maxBytes
    }

    var isActive: Bool { maxBytes > 0 }

    mutating func split(_ bytes: UnsafeRawBufferPointer) -> [Piece] {
        pending.append(contentsOf: bytes)
        var pieces: [Piece] = []
        while true {
            let token = capturing ? Self.end : Self.begin
            if let range = pending.firstRange(of: token) {
                emit(Array(pending[..<range.lowerBound]), into: &pieces)
                pending.removeSubrange(..<range.upperBound)
                if capturing {
                    pieces.append(.captured(captured))
                    captured = []
                }
                capturing.toggle()
                continue
            }
            // Keep a tail that might be the start of a token split across reads.
            let keep = Self.partialTokenSuffix(pending, token)
            emit(Array(pending[..<(pending.count - keep)]), into: &pieces)
            pending.removeFirst(pending.count - keep)
            return pieces
        }
    }

    private mutating func emit(_ bytes: [UInt8], into pieces: inout [Piece]) {
        guard !bytes.isEmpty else { return }
        if capturing {
            pieces.append(.capturing(bytes))
            captured += bytes
            if captured.count > maxBytes { captured.removeFirst(captured.count - maxBytes) }
        } else {
            pieces.append(.output(bytes))
        }
    }

    /// Length of the longest suffix of `data` that is a proper prefix of `token`.
    static func partialTokenSuffix(_ data: [UInt8], _ token: [UInt8]) -> Int {
        var length = min(data.count, token.count - 1)
        while length > 0 {
            if data.suffix(length).elementsEqual(token.prefix(length)) { return length }
            length -= 1
        }
        return 0
    }
}
