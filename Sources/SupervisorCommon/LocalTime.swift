import Glibc

/// Times formatted in the local time zone, as the reference's `time.strftime` does.
public enum LocalTime {
    /// `strftime(format)` of `seconds` since the epoch; at most 127 bytes.
    public static func format(_ seconds: Int, _ format: String) -> String {
        var parts = brokenDown(seconds)
        return strftime(format, &parts)
    }

    /// `2026-12-01 15:04:05,123`: the daemon's own log lines' time, milliseconds after a comma.
    public static func logTimestamp(_ time: timespec) -> String {
        logSecond(time.tv_sec) + "," + milliseconds(time)
    }

    /// `2026-12-01 15:04:05`: the part of `logTimestamp` before the milliseconds.
    static func logSecond(_ seconds: Int) -> String {
        format(seconds, "%Y-%m-%d %H:%M:%S")
    }

    /// `2026-12-01T15:04:05.123+01:00`: RFC 3339 with milliseconds and the local UTC offset.
    public static func rfc3339(_ time: timespec) -> String {
        var parts = brokenDown(time.tv_sec)
        let offset = parts.tm_gmtoff / 60
        let hours = abs(offset) / 60, minutes = abs(offset) % 60
        return strftime("%Y-%m-%dT%H:%M:%S", &parts) + "." + milliseconds(time) + (offset < 0 ? "-" : "+")
            + (hours < 10 ? "0" : "") + "\(hours):" + (minutes < 10 ? "0" : "") + "\(minutes)"
    }

    /// The local calendar fields of `seconds` since the epoch.
    public static func brokenDown(_ seconds: Int) -> tm {
        var time = time_t(seconds)
        var parts = tm()
        localtime_r(&time, &parts)
        return parts
    }

    private static func strftime(_ format: String, _ parts: inout tm) -> String {
        var buffer = [CChar](repeating: 0, count: 128)
        let count = Glibc.strftime(&buffer, buffer.count, format, &parts)
        return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Three digits.
    static func milliseconds(_ time: timespec) -> String {
        let millis = time.tv_nsec / 1_000_000
        return millis < 10 ? "00\(millis)" : millis < 100 ? "0\(millis)" : "\(millis)"
    }
}
