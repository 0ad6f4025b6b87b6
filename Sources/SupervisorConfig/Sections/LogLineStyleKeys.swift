import SupervisorCommon

extension LogLineStyle {
    /// The line keys of one channel (`stdout` or `stderr`) of a program section, for one process.
    static func read(_ reader: SectionReader, channel: String) throws -> LogLineStyle {
        var style = LogLineStyle()
        let key = { (name: String) in "\(channel)_log_\(name)" }
        style.timestamps = try reader.value(key("timestamps"), default: style.timestamps, ValueParsers.boolean)
        // As written, not expanded: `%Y` is strftime's, not the start of an expansion.
        if let format = reader.raw(key("timestamp_format")) {
            style.timestampFormat = try reader.convert(unquoted(format), key: key("timestamp_format")) {
                (text) throws(InvalidValue) in try timestampFormat(text, key: key("timestamp_format"))
            }
        }
        style.encoding = try reader.value(key("format"), default: style.encoding) { (text) throws(InvalidValue) in
            try ExtensionValueParsers.choice(text, key: key("format"))
        }
        style.lineMax = try reader.value(key("line_max"), default: style.lineMax) { (text) throws(InvalidValue) in
            try ExtensionValueParsers.positiveByteSize(text, key: key("line_max"))
        }
        if let prefix = reader.raw(key("prefix")) {
            style.prefix = try reader.expand(unquoted(prefix), key: key("prefix"))
        }
        style.prefixColor = try reader.value(key("prefix_color"), default: style.prefixColor) {
            (text) throws(InvalidValue) in try prefixColor(text, key: key("prefix_color"))
        }
        if style.encoding == .json {
            // A JSON line has its time, and its program in a field; text around it would break it.
            for (name, isSet) in [("timestamps", style.timestamps), ("prefix", !style.prefix.isEmpty)] where isSet {
                throw reader.error("\(key(name)) cannot be used with \(key("format"))=json: each JSON line "
                                       + "has the time and the program in its fields", key: key(name))
            }
        }
        return style
    }

    /// One pair of surrounding double quotes removed, so that a value can end in a space.
    private static func unquoted(_ text: String) -> String {
        guard text.count >= 2, text.hasPrefix("\""), text.hasSuffix("\"") else { return text }
        return String(text.dropFirst().dropLast())
    }

    private static func timestampFormat(_ text: String, key: String) throws(InvalidValue) -> String {
        guard !text.isEmpty, text.utf8.count <= 100 else {
            throw InvalidValue("invalid \(key) value \(pythonRepr(text)): expected a strftime format of 1 to 100 "
                                   + "characters, %f for milliseconds, such as \(defaultTimestampFormat)")
        }
        return text
    }

    /// `auto`, or a boolean.
    private static func prefixColor(_ text: String, key: String) throws(InvalidValue) -> PrefixColor {
        if text.trimmingWhitespace().lowercased() == "auto" { return .auto }
        guard let on = try? ValueParsers.boolean(text) else {
            throw InvalidValue("invalid \(key) value \(pythonRepr(text)): expected auto, true or false")
        }
        return on ? .always : .never
    }
}
