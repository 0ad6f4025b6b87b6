/// How a channel's output lines are written to its log file (extensions `*_log_timestamps`,
/// `*_log_timestamp_format`, `*_log_format`, `*_log_line_max`, `*_log_prefix`,
/// `*_log_prefix_color`). The default changes nothing: the file gets the bytes as written.
public struct LogLineStyle: Equatable, Sendable {
    /// `*_log_format`.
    public enum Encoding: String, Equatable, Sendable, CaseIterable {
        /// The output as written, with the timestamp and prefix in front of each line.
        case text
        /// One JSON object per line.
        case json
    }

    /// `*_log_prefix_color`: whether the prefix is coloured (one colour per process).
    public enum PrefixColor: String, Equatable, Sendable, CaseIterable {
        /// When the log file is a terminal (`/dev/stdout` of a daemon run in one).
        case auto
        case always = "true"
        case never = "false"
    }

    public static let defaultTimestampFormat = "%Y-%m-%d %H:%M:%S,%f"

    public var timestamps = false
    /// strftime, plus `%f` for milliseconds (3 digits).
    public var timestampFormat = LogLineStyle.defaultTimestampFormat
    public var encoding = Encoding.text
    /// Bytes of a line held at most before a piece of it is written (JSON; text to a shared target).
    public var lineMax = 64 * 1024
    /// Expanded already (`%(program_name)s` and the like).
    public var prefix = ""
    public var prefixColor = PrefixColor.auto

    public init() {}

    /// Whether lines are written as the child wrote them (no timestamp, prefix or JSON).
    public var isPlain: Bool { !timestamps && encoding == .text && prefix.isEmpty }
}
