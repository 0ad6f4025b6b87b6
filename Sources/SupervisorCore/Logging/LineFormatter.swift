import Glibc
import NIOCore
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
/// `"partial":true`: its line goes on in the next object, as Docker and CRI logs mark the pieces
/// of a long line (log collectors join such pieces back); the last piece is unmarked. A message
/// that is not UTF-8 has U+FFFD in `message` and its exact bytes in `message_base64`.
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
    func format(_ bytes: UnsafeRawBufferPointer, time: Double, pid: Int32, into out: inout ByteBuffer) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        // Room for what short lines become (a JSON line of 100 bytes takes about 250), so that
        // the buffer is rarely copied to grow.
        out.reserveCapacity(minimumWritableBytes: bytes.count * (isJSON ? 3 : 2) + 4096)
        // Made once for every line these bytes start: they all arrived now. Used as raw bytes,
        // which cost no reference counting in the loops.
        lineHead(time: time, pid: pid).withUnsafeBytes { head in
            guard holdsPartialLines else { return pass(bytes, base: base, head: head, into: &out) }
            guard pending.isEmpty && !lineStarted else {
                // The first line began before these bytes: its time and pid are those of then.
                return lineHead(time: lineTime, pid: linePid).withUnsafeBytes { first in
                    hold(bytes, base: base, head: head, firstHead: first, time: time, pid: pid, into: &out)
                }
            }
            hold(bytes, base: base, head: head, firstHead: head, time: time, pid: pid, into: &out)
        }
    }

    /// The output ended (the process exited): a held line is written as it is.
    func finish(into out: inout ByteBuffer) {
        guard holdsPartialLines else { return }
        let line = pending
        pending = []
        guard !line.isEmpty else { return }
        lineStarted = lineHead(time: lineTime, pid: linePid).withUnsafeBytes { head in
            line.withUnsafeBytes { emit($0, head: head, ending: .outputEnd, started: lineStarted, into: &out) }
        }
    }

    /// What a line starts with when its first byte arrived at `time` from `pid`: the timestamp
    /// and the prefix; for JSON, the object up to the message.
    private func lineHead(time: Double, pid: Int32) -> [UInt8] {
        var head: [UInt8] = []
        if isJSON {
            Self.append("{\"time\":\"", to: &head)
            timestamp?.append(time, to: &head)
            Self.append("\",", to: &head)
            head += lead
            head += (pid == 0 ? "null" : String(pid)).utf8
            Self.append(",\"message\":\"", to: &head)
        } else {
            timestamp?.append(time, to: &head)
            head += lead
        }
        return head
    }

    // The loops below keep the line state in locals and write it back once: a class's stored
    // properties are checked for exclusive access at each use, which cost more than the rest
    // of a short line.

    /// Text written as it comes, with the head at each line's start.
    private func pass(_ bytes: UnsafeRawBufferPointer, base: UnsafeRawPointer, head: UnsafeRawBufferPointer,
                      into out: inout ByteBuffer) {
        var started = lineStarted
        defer { lineStarted = started }
        var start = 0
        while start < bytes.count {
            let newline = memchr(base + start, 0x0A, bytes.count - start)
            let end = newline.map { base.distance(to: UnsafeRawPointer($0)) + 1 } ?? bytes.count
            Self.write(started ? nil : head, UnsafeRawBufferPointer(start: base + start, count: end - start), into: &out)
            started = newline == nil
            start = end
        }
    }

    /// Lines written when complete, or in pieces of `lineMax` bytes.
    /// `firstHead` is the head of the first line, which may have begun before.
    private func hold(_ bytes: UnsafeRawBufferPointer, base: UnsafeRawPointer, head: UnsafeRawBufferPointer,
                      firstHead: UnsafeRawBufferPointer, time: Double, pid: Int32, into out: inout ByteBuffer) {
        var started = lineStarted
        var held: [UInt8] = []
        swap(&held, &pending)
        defer {
            swap(&held, &pending)
            lineStarted = started
        }
        var lineHead = firstHead
        // Whether the line open now began with these bytes (else it keeps its time and pid).
        var lineBeganHere = held.isEmpty && !started
        var start = 0
        while start < bytes.count {
            let room = lineMax - held.count
            // One byte more than the room: a line of exactly `lineMax` bytes is still whole.
            if let newline = memchr(base + start, 0x0A, min(bytes.count - start, room + 1)) {
                let end = base.distance(to: UnsafeRawPointer(newline))
                let text = UnsafeRawBufferPointer(start: base + start, count: end - start)
                if held.isEmpty {
                    started = emit(text, head: lineHead, ending: .newline, started: started, into: &out)
                } else {
                    held.append(contentsOf: text)
                    started = held.withUnsafeBytes { emit($0, head: lineHead, ending: .newline, started: started, into: &out) }
                    held.removeAll(keepingCapacity: true)
                }
                lineHead = head
                lineBeganHere = true
                start = end + 1
            } else if bytes.count - start > room {
                held.append(contentsOf: UnsafeRawBufferPointer(start: base + start, count: room))
                start += room
                let cut = Self.characterBoundary(held)
                started = held.withUnsafeBytes {
                    emit(UnsafeRawBufferPointer(rebasing: $0[..<cut]), head: lineHead, ending: .cut, started: started, into: &out)
                }
                held.removeFirst(cut)
            } else {
                held.append(contentsOf: UnsafeRawBufferPointer(start: base + start, count: bytes.count - start))
                break
            }
        }
        if lineBeganHere && (started || !held.isEmpty) {
            lineTime = time
            linePid = pid
        }
    }

    /// How a held piece ends.
    private enum Ending {
        /// With its line's newline.
        case newline
        /// At `lineMax`: the line goes on.
        case cut
        /// With the output (the process exited): written as it is.
        case outputEnd
    }

    /// A held line, or a piece of one, written out after `head` (unless `started`: text goes on
    /// without a second head). Returns whether the line goes on.
    private func emit(_ text: UnsafeRawBufferPointer, head: UnsafeRawBufferPointer, ending: Ending, started: Bool,
                      into out: inout ByteBuffer) -> Bool {
        guard isJSON else {
            Self.write(started ? nil : head, text, into: &out)
            if ending == .newline { out.writeInteger(UInt8(0x0A)) }
            // A text line left without its newline goes on with the next bytes.
            return ending != .newline
        }
        let end: StaticString = ending == .cut ? "\",\"partial\":true}\n" : "\"}\n"
        var isUTF8 = true
        // The head, the message and the end written in place, in one go: the hot path of JSON lines.
        out.writeWithUnsafeMutableBytes(minimumWritableBytes: head.count + JSONString.escapedCapacity(text.count)
                                        + end.utf8CodeUnitCount) { room in
            room.copyMemory(from: head)
            let escaped = JSONString.escape(text, to: room.baseAddress! + head.count)
            isUTF8 = escaped.isUTF8
            guard isUTF8 else { return head.count + escaped.count }
            (room.baseAddress! + head.count + escaped.count).copyMemory(from: end.utf8Start, byteCount: end.utf8CodeUnitCount)
            return head.count + escaped.count + end.utf8CodeUnitCount
        }
        if !isUTF8 {
            out.writeStaticString("\",\"message_base64\":\"")
            out.writeBytes(Base64.encode(Array(text)))
            out.writeStaticString(end)
        }
        return ending == .cut
    }

    /// `head` (when there is one) and `text` in one write.
    private static func write(_ head: UnsafeRawBufferPointer?, _ text: UnsafeRawBufferPointer, into out: inout ByteBuffer) {
        let headCount = head?.count ?? 0
        out.writeWithUnsafeMutableBytes(minimumWritableBytes: headCount + text.count) { room in
            // Pointers, not slices: slicing a buffer costs more than copying a short line.
            if let head { room.copyMemory(from: head) }
            if let source = text.baseAddress { (room.baseAddress! + headCount).copyMemory(from: source, byteCount: text.count) }
            return headCount + text.count
        }
    }

    /// Constant text, without the reference counting of a constant array.
    private static func append(_ text: StaticString, to out: inout [UInt8]) {
        text.withUTF8Buffer { out.append(contentsOf: $0) }
    }

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
