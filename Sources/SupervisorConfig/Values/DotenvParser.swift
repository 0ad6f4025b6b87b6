import SupervisorCommon

/// The dotenv syntax of the files `environment_file=` names, one assignment a line:
///
/// - `NAME=value` or `export NAME=value`; blanks around the name and the `=` are dropped; a
///   name is letters, digits and `_`, not starting with a digit;
/// - an unquoted value runs to the end of the line, blanks at its ends dropped; a `#` after a
///   blank starts a comment (`URL=http://host/#top` keeps its `#`);
/// - `'single quotes'` keep everything as written; `"double quotes"` read `\n`, `\r`, `\t`,
///   `\"` and `\\` as escapes (any other backslash stays as written); a quoted value ends on
///   its line, and only a comment may follow it;
/// - blank lines and lines starting with `#` are skipped.
///
/// Values are taken literally: `$NAME` is not expanded. A name given twice keeps the last value.
public enum DotenvParser {
    /// A line that does not parse. The reason never quotes the line's value: environment files
    /// hold secrets, and the reason ends up in the main log and in the process's spawn error.
    public struct SyntaxError: Error, Equatable, Sendable {
        /// Counted from 1.
        public var line: Int
        public var reason: String
    }

    private typealias Scalars = Substring.UnicodeScalarView

    /// The assignments of `text` in order.
    public static func parse(_ text: String) throws(SyntaxError) -> [EnvironmentVariable] {
        var scalars = Substring(text).unicodeScalars
        // A byte order mark, as some editors write it.
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
        var variables: [EnvironmentVariable] = []
        for (index, line) in scalars.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if let variable = try assignment(line, number: index + 1) { variables.append(variable) }
        }
        return variables
    }

    /// The line's assignment, or nil for a blank line or a comment.
    private static func assignment(_ line: Scalars, number: Int) throws(SyntaxError) -> EnvironmentVariable? {
        func failure(_ reason: String) -> SyntaxError { SyntaxError(line: number, reason: reason) }
        var rest = trimmingBlanks(line)
        if rest.isEmpty || rest.first == "#" { return nil }
        // The environment is handed over as C strings, which a NUL would cut short.
        if rest.contains("\0") { throw failure("a NUL character") }
        let keyword = "export".unicodeScalars
        if rest.starts(with: keyword), let next = rest.dropFirst(keyword.count).first, isBlank(next) {
            rest = rest.dropFirst(keyword.count)
        }
        guard let equals = rest.firstIndex(of: "=") else { throw failure("expected NAME=value") }
        let name = String(Substring(trimmingBlanks(rest[..<equals])))
        guard isName(name) else { throw failure("invalid variable name \(pythonRepr(name))") }
        let value = rest[rest.index(after: equals)...]
        let start = value.drop(while: isBlank)
        switch start.first {
        case "'": return EnvironmentVariable(name: name, value: try singleQuoted(start.dropFirst(), failure))
        case "\"": return EnvironmentVariable(name: name, value: try doubleQuoted(start.dropFirst(), failure))
        default: return EnvironmentVariable(name: name, value: unquoted(value))
        }
    }

    /// Up to a `#` that follows a blank, blanks at both ends dropped.
    private static func unquoted(_ value: Scalars) -> String {
        var end = value.endIndex
        var previous: Unicode.Scalar = "="
        for index in value.indices {
            if value[index] == "#" && isBlank(previous) {
                end = index
                break
            }
            previous = value[index]
        }
        return String(Substring(trimmingBlanks(value[..<end])))
    }

    /// After the opening quote: everything up to the next `'`.
    private static func singleQuoted(_ text: Scalars, _ failure: (String) -> SyntaxError) throws(SyntaxError)
        -> String {
        guard let close = text.firstIndex(of: "'") else { throw failure("no closing ' quote") }
        try checkEnd(text[text.index(after: close)...], failure)
        return String(Substring(text[..<close]))
    }

    /// After the opening quote: up to the next unescaped `"`, escapes read.
    private static func doubleQuoted(_ text: Scalars, _ failure: (String) -> SyntaxError) throws(SyntaxError)
        -> String {
        let escapes: [Unicode.Scalar: Unicode.Scalar] = ["n": "\n", "r": "\r", "t": "\t", "\"": "\"", "\\": "\\"]
        var value = String.UnicodeScalarView()
        var index = text.startIndex
        while index < text.endIndex {
            let scalar = text[index]
            index = text.index(after: index)
            if scalar == "\"" {
                try checkEnd(text[index...], failure)
                return String(value)
            }
            guard scalar == "\\", index < text.endIndex else {
                value.append(scalar)
                continue
            }
            let escaped = text[index]
            index = text.index(after: index)
            if let replacement = escapes[escaped] {
                value.append(replacement)
            } else {
                value.append(contentsOf: ["\\", escaped])
            }
        }
        throw failure("no closing \" quote")
    }

    /// What follows a closing quote: nothing but blanks and a comment.
    private static func checkEnd(_ rest: Scalars, _ failure: (String) -> SyntaxError) throws(SyntaxError) {
        let after = rest.drop(while: isBlank)
        guard after.isEmpty || after.first == "#" else { throw failure("unexpected text after the closing quote") }
    }

    private static func isBlank(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t" || scalar == "\r"
    }

    private static func trimmingBlanks(_ text: Scalars) -> Scalars {
        var trimmed = text.drop(while: isBlank)
        while let last = trimmed.last, isBlank(last) { trimmed.removeLast() }
        return trimmed
    }

    /// A shell variable name: `[A-Za-z_][A-Za-z0-9_]*`.
    private static func isName(_ name: String) -> Bool {
        let digits: ClosedRange<Unicode.Scalar> = "0"..."9"
        guard let first = name.unicodeScalars.first, !digits.contains(first) else { return false }
        return name.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || digits.contains($0) || $0 == "_"
        }
    }
}
