import Glibc

/// Times formatted in the local time zone, as the reference's `time.strftime` does.
public enum LocalTime {
    /// `strftime(format)` of `seconds` since the epoch; at most 127 bytes.
    public static func format(_ seconds: Int, _ format: String) -> String {
        var time = time_t(seconds)
        var parts = tm()
        localtime_r(&time, &parts)
        var buffer = [CChar](repeating: 0, count: 128)
        let count = strftime(&buffer, buffer.count, format, &parts)
        return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
