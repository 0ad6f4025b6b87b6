/// Splits a command line into words the way POSIX shells (and Python's `shlex.split`,
/// which the reference uses) do: quotes and backslashes, no expansion.
enum ShellWords {
    struct ParseError: Error, CustomStringConvertible {
        let description: String
    }

    /// Goes by Unicode scalars, as `shlex` goes by code points: as grapheme clusters a
    /// `\r\n` would be one character that is not whitespace, and a quote followed by a
    /// combining mark would not be a quote.
    static func split(_ line: String) throws -> [String] {
        var words: [String] = []
        var current = String.UnicodeScalarView()
        var inWord = false
        var iterator = line.unicodeScalars.makeIterator()
        while let ch = iterator.next() {
            switch ch {
            case "'":
                inWord = true
                var closed = false
                while let c = iterator.next() {
                    if c == "'" { closed = true; break }
                    current.append(c)
                }
                if !closed { throw ParseError(description: "No closing quotation") }
            case "\"":
                inWord = true
                var closed = false
                while let c = iterator.next() {
                    if c == "\"" { closed = true; break }
                    if c == "\\" {
                        guard let next = iterator.next() else { throw ParseError(description: "No escaped character") }
                        // Inside double quotes a backslash escapes only a quote or itself.
                        if next != "\"" && next != "\\" { current.append(c) }
                        current.append(next)
                        continue
                    }
                    current.append(c)
                }
                if !closed { throw ParseError(description: "No closing quotation") }
            case "\\":
                guard let next = iterator.next() else { throw ParseError(description: "No escaped character") }
                inWord = true
                current.append(next)
            case " ", "\t", "\n", "\r":
                if inWord {
                    words.append(String(current))
                    current = String.UnicodeScalarView()
                    inWord = false
                }
            default:
                inWord = true
                current.append(ch)
            }
        }
        if inWord { words.append(String(current)) }
        return words
    }
}
