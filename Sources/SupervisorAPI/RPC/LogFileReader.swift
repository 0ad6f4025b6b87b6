import Glibc

/// Reads log files with the reference's offset rules (readLog, tailProcessStdoutLog).
enum LogFileReader {
    enum Failure: Error { case badArguments, failed }

    /// `readLog(offset, length)`: a negative offset reads that many bytes from the end
    /// (length must then be 0); length 0 reads to the end.
    static func read(path: String, offset: Int, length: Int) throws -> [UInt8] {
        try slice(path: path, offset: offset, length: length).bytes
    }

    /// What `read` reads, with the file offset of its first byte.
    static func slice(path: String, offset: Int, length: Int) throws -> (start: Int, bytes: [UInt8]) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw Failure.failed }
        defer { close(fd) }
        let size = fileSize(fd)
        var start = offset
        var count: Int
        if offset < 0 {
            if length != 0 { throw Failure.badArguments }
            // Int.min has no positive counterpart: any distance past the start reads it all.
            let back = Int(clamping: offset.magnitude)
            start = max(0, size - back)
            count = back
        } else {
            if length < 0 { throw Failure.badArguments }
            count = length == 0 ? max(0, size - offset) : length
        }
        count = min(count, max(0, size - start))
        return (start, readBytes(fd, at: start, count: count))
    }

    /// `tailProcessStdoutLog(offset, length)`: up to `length` bytes ending at the end of the
    /// file; when the file grew past offset+length the overflow flag is set.
    static func tail(path: String, offset: Int, length: Int) -> (bytes: [UInt8], offset: Int, overflow: Bool) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return ([], offset, false) }
        defer { close(fd) }
        let size = fileSize(fd)
        var start = offset
        var count = length
        var overflow = false
        if size > start + count {
            overflow = true
            start = size - 1
        }
        if start + count > size {
            if start > size - 1 { count = 0 }
            start = size - count
        }
        start = max(0, start)
        count = max(0, count)
        return (count == 0 ? [] : readBytes(fd, at: start, count: count), size, overflow)
    }

    private static func fileSize(_ fd: Int32) -> Int {
        var info = stat()
        return fstat(fd, &info) == 0 ? Int(info.st_size) : 0
    }

    private static func readBytes(_ fd: Int32, at offset: Int, count: Int) -> [UInt8] {
        guard count > 0 else { return [] }
        var bytes = [UInt8](repeating: 0, count: count)
        var total = 0
        while total < count {
            let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + total, count - total, off_t(offset + total)) }
            if n <= 0 {
                if n < 0 && errno == EINTR { continue }
                break
            }
            total += n
        }
        return Array(bytes[..<total])
    }
}
