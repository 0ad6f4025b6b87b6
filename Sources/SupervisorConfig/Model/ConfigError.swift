/// A configuration problem. `message` reads exactly as the reference's message for the same
/// problem (many of those name the section and file themselves); `file` and `line` say where
/// the offending key or section header was written.
public struct ConfigError: Error, Equatable, CustomStringConvertible, Sendable {
    public var message: String
    public var file: String?
    public var line: Int?

    public init(_ message: String, file: String? = nil, line: Int? = nil) {
        self.message = message
        self.file = file
        self.line = line
    }

    /// The message alone, as the daemon prints it after `Error: `.
    public var description: String { message }

    /// `file:line`, or the file alone, when known.
    public var location: String? {
        guard let file else { return nil }
        return line.map { "\(file):\($0)" } ?? file
    }
}
