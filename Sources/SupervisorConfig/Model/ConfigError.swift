/// A configuration problem. `message` reads exactly as the reference's message for the same
/// problem; `file` and `line` say where the offending key or section header was written.
/// `description`, what the programs print, gives that place once, as `(at FILE:LINE)`.
public struct ConfigError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The problem, without the file the reference names after it in program sections.
    var problem: String
    public var file: String?
    public var line: Int?
    /// The section and file the reference names after the problem
    /// (`... in section 'program:x' (file: '/etc/x.conf')`), for errors in program sections.
    var section: Section?

    struct Section: Equatable, Sendable {
        var name: String
        /// The file the section starts in.
        var file: String
    }

    public init(_ message: String, file: String? = nil, line: Int? = nil) {
        self.problem = message
        self.file = file
        self.line = line
    }

    /// The reference's wording, its section and file included.
    public var message: String {
        guard let section else { return problem }
        return problem + " in section \(pythonRepr(section.name)) (file: \(pythonRepr(section.file)))"
    }

    /// The reference's wording with its place said once: `(file: ...)` becomes `(at FILE:LINE)`
    /// when the line is known. Syntax errors are left as they are: they list their lines already.
    public var description: String {
        guard line != nil, let location, !problem.contains("\n") else { return message }
        return problem + (section.map { " in section \(pythonRepr($0.name))" } ?? "") + " (at \(location))"
    }

    /// `file:line`, or the file alone, when known.
    public var location: String? {
        guard let file else { return nil }
        return line.map { "\(file):\($0)" } ?? file
    }
}
