import Glibc
import NIOCore
import SupervisorCommon
import SupervisorCore

/// `GET /api/v1/processes/{name}/log/stdout|stderr?offset=&length=`: readProcessStdoutLog's
/// offsets (a negative offset reads that many bytes from the end, length 0 reads to the
/// end) answered as `{"data", "offset", "length"}`, where offset and length count the
/// file's bytes: the next read starts at offset + length. The bytes are decoded as UTF-8,
/// each invalid sequence becoming U+FFFD; a character cut by the end of the range is left
/// for the next read.
enum ProcessLogSlice {
    static func reply(_ process: Subprocess, _ stream: OutputChannel, _ arguments: APIArguments) throws -> HTTPReply {
        let offset = try arguments.integer("offset", default: 0)
        let length = try arguments.integer("length", default: 0)
        guard let path = process.logs.flushedPath(stream), access(path, F_OK) == 0 else {
            throw APIError(.noFile, "\(ProcessLookup.namespec(process)) has no \(stream.rawValue) log file")
        }
        let slice: (start: Int, bytes: [UInt8])
        do {
            slice = try LogFileReader.slice(path: path, offset: offset, length: length)
        } catch LogFileReader.Failure.badArguments {
            throw APIError(.badArguments, "length must not be negative, and must be 0 with a negative offset")
        } catch {
            throw APIError(.failed, "cannot read \(path)")
        }
        let bytes = slice.bytes[..<wholeCharacters(slice.bytes)]
        var json = JSONWriter(capacity: bytes.count + 64)
        json.beginObject()
        json.key("data")
        json.value(bytes: Array(bytes))
        json.member("offset", slice.start)
        json.member("length", bytes.count)
        json.endObject()
        return .full(.ok, contentType: "application/json", body: json.finish())
    }

    /// How many of `bytes` to answer: all but a multi-byte UTF-8 sequence begun and not
    /// finished at the end (unless that is all there is).
    static func wholeCharacters(_ bytes: [UInt8]) -> Int {
        var lead = bytes.count - 1
        while lead > 0, bytes.count - lead < 4, bytes[lead] & 0xC0 == 0x80 { lead -= 1 }
        guard lead > 0 else { return bytes.count }
        let byte = bytes[lead]
        let needed = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1
        return bytes.count - lead < needed ? lead : bytes.count
    }
}
