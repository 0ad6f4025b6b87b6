import Glibc
import SupervisorCommon
import SupervisorConfig

/// What one output channel's lines become in its log file (`*_log_timestamps`, `*_log_prefix`,
/// `*_log_format = json`); only the file sees them, events and the main log get the raw output.
///
/// Text: each line starts with the time its first byte arrived, a space and the prefix. The
/// bytes are written as they come, a partial line at once (its continuation gets no second
/// timestamp), unless partial lines are held — for a target other programs write to as well
/// (`/dev/stdout`): then a line is written once it is complete, when it reaches `lineMax`, or
/// when the output ends, so that lines of different programs never mix.
///
/// JSON: one object per line, written when the line is complete, when it reaches `lineMax`, or
/// when the output ends (a last line without a newline). A piece cut at `lineMax` is marked
/// `"partial":true`: its line goes on in the next object, as Docker and CRI logs mark pieces
/// (what Vector, Fluent Bit and Loki's agents merge); the last piece is unmarked. A message that
/// is not UTF-8 has U+FFFD in `message` and its exact bytes in `message_base64`.
final class LineFormatter {
    /// Whose output it is, as JSON lines name it.
    struct Source {
        var program: String
        var process: String
        var group: String
        var stream: OutputChannel
    }

    private let isJSON: Bool
    private let holdsPartialLines: Bool
    private let lineMax: Int
    /// Text: the timestamp (nil without); JSON: the `time` field.
    private var timestamp: TimestampFormat?
    /// Text: what goes after the timestamp (the prefix, coloured or not); JSON: the fields
    /// between the time and the pid.
    private let lead: [UInt8]
    /// The line held back (when lines are held, always with JSON).
    private var pending: [UInt8] = []
    /// When the current line's first byte arrived, and from which process.
    private var lineTime: Double = 0
    private var linePid: Int32 = 0
    /// Some of the current line is written already: text gets no second timestamp and prefix.
    private var lineStarted = false
    private var pidText: (pid: Int32, text: [UInt8]) = (0, Array("null".utf8))

    /// `colored`: the prefix gets the process's colour. `holdsPartialLines`: the target is shared.
    init(style: LogLineStyle, source: Source, colored: Bool, holdsPartialLines: Bool) {
        isJSON = style.encoding == .json
        self.holdsPartialLines = isJSON || holdsPartialLines
        lineMax = style.lineMax
        if isJSON {
            timestamp = TimestampFormat("%Y-%m-%dT%H:%M:%S.%f%:z")
            let fields = [("program", source.program), ("process", source.process), ("group", source.group),
                          ("stream", source.stream.rawValue)]
            lead = Array((fields.map { "\"\($0.0)\":\(JSONString.quoted($0.1))" } + ["\"pid\":"])
                .joined(separator: ",").utf8)
        } else {
            timestamp = style.timestamps ? TimestampFormat(style.timestampFormat) : nil
            let prefix = colored && !style.prefix.isEmpty
                ? "\u{1b}[\(Self.colorCode(of: source.process))m\(style.prefix)\u{1b}[0m" : style.prefix
            lead = Array(((style.timestamps ? " " : "") + prefix).utf8)
        }
    }

    /// Appends to `out` what `bytes` (which arrived at `time`, from the child `pid`) make of the log.
    func format(_ bytes: UnsafeRawBufferPointer, time: Double, pid: Int32, into out: inout [UInt8]) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        if holdsPartialLines {
            hold(bytes, base: base, time: time, pid: pid, into: &out)
        } else {
            pass(bytes, base: base, time: time, into: &out)
        }
    }

    /// The output ended (the process exited): a held line is written as it is.
    func finish(into out: inout [UInt8]) {
        guard holdsPartialLines else { return }
        let line = pending
        pending = []
        guard !line.isEmpty else { return }
        if isJSON {
            line.withUnsafeBytes { appendObject($0, partial: false, to: &out) }
            lineStarted = false
        } else {
            line.withUnsafeBytes { emit($0, complete: false, into: &out) }
        }
    }

    /// Text written as it comes, with the lead at each line's start.
    private func pass(_ bytes: UnsafeRawBufferPointer, base: UnsafeRawPointer, time: Double,
                      into out: inout [UInt8]) {
        var start = 0
        while start < bytes.count {
            if !lineStarted { appendLead(time, to: &out) }
            guard let newline = memchr(base + start, 0x0A, bytes.count - start) else {
                out.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[start...]))
                lineStarted = true
                return
            }
            let end = base.distance(to: UnsafeRawPointer(newline)) + 1
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[start..<end]))
            lineStarted = false
            start = end
        }
    }

    /// Lines written when complete, or in pieces of `lineMax` bytes.
    private func hold(_ bytes: UnsafeRawBufferPointer, base: UnsafeRawPointer, time: Double, pid: Int32,
                      into out: inout [UInt8]) {
        var start = 0
        while start < bytes.count {
            if pending.isEmpty && !lineStarted {
                lineTime = time
                linePid = pid
            }
            let room = lineMax - pending.count
            // One byte more than the room: a line of exactly `lineMax` bytes is still whole.
            if let newline = memchr(base + start, 0x0A, min(bytes.count - start, room + 1)) {
                let end = base.distance(to: UnsafeRawPointer(newline))
                let text = UnsafeRawBufferPointer(rebasing: bytes[start..<end])
                if pending.isEmpty {
                    emit(text, complete: true, into: &out)
                } else {
                    var line = pending
                    pending = []
                    line.append(contentsOf: text)
                    line.withUnsafeBytes { emit($0, complete: true, into: &out) }
                }
                start = end + 1
            } else if bytes.count - start > room {
                var line = pending
                line.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[start..<(start + room)]))
                start += room
                let cut = Self.characterBoundary(line)
                pending = Array(line[cut...])
                line.withUnsafeBytes { emit(UnsafeRawBufferPointer(rebasing: $0[..<cut]), complete: false, into: &out) }
            } else {
                pending.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[start...]))
                return
            }
        }
    }

    /// A held line, or a piece of one, written out.
    private func emit(_ text: UnsafeRawBufferPointer, complete: Bool, into out: inout [UInt8]) {
        if isJSON {
            appendObject(text, partial: !complete, to: &out)
        } else {
            if !lineStarted { appendLead(lineTime, to: &out) }
            out.append(contentsOf: text)
            if complete { out.append(0x0A) }
        }
        lineStarted = !complete
    }

    private func appendLead(_ time: Double, to out: inout [UInt8]) {
        timestamp?.append(time, to: &out)
        out += lead
    }

    private func appendObject(_ message: UnsafeRawBufferPointer, partial: Bool, to out: inout [UInt8]) {
        out += Self.timeField
        timestamp?.append(lineTime, to: &out)
        out += Self.afterTime
        out += lead
        if pidText.pid != linePid { pidText = (linePid, Array((linePid == 0 ? "null" : String(linePid)).utf8)) }
        out += pidText.text
        out += Self.messageField
        let isUTF8 = JSONString.appendEscaped(message, to: &out)
        out.append(UInt8(ascii: "\""))
        if !isUTF8 {
            out += Self.base64Field
            out += Base64.encode(Array(message))
            out.append(UInt8(ascii: "\""))
        }
        if partial { out += Self.partialField }
        out += Self.objectEnd
    }

    private static let timeField = Array("{\"time\":\"".utf8)
    private static let afterTime = Array("\",".utf8)
    private static let messageField = Array(",\"message\":\"".utf8)
    private static let base64Field = Array(",\"message_base64\":\"".utf8)
    private static let partialField = Array(",\"partial\":true".utf8)
    private static let objectEnd = Array("}\n".utf8)

    /// Where to cut a full piece so that no UTF-8 character is split across two pieces: before
    /// an incomplete sequence at the end, else at the end.
    static func characterBoundary(_ bytes: [UInt8]) -> Int {
        var index = bytes.count - 1
        while index >= 0 && index >= bytes.count - 4 && bytes[index] & 0xC0 == 0x80 { index -= 1 }
        guard index > 0, index >= bytes.count - 4 else { return bytes.count }
        let lead = bytes[index]
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
        return bytes.count - index < length ? index : bytes.count
    }

    /// One of the six ANSI foreground colours (31-36), the same for a name in every run.
    static func colorCode(of name: String) -> Int {
        var hash: UInt32 = 2_166_136_261  // FNV-1a
        for byte in name.utf8 { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
        return 31 + Int(hash % 6)
    }
}
