/// `KEY="value",KEY2=value2`: the reference splits these with Python's non-POSIX `shlex`, then
/// reads tokens in fours (key, `=`, value, separator). Mirroring that tokenizer keeps odd inputs
/// (`#` comments, characters outside words) meaning the same thing.
enum EnvironmentParser {
    static func parse(_ text: String) throws(InvalidValue) -> [EnvironmentVariable] {
        let tokens = try tokenize(text)
        var variables: [EnvironmentVariable] = []
        var index = 0
        while index < tokens.count {
            guard index + 2 < tokens.count, tokens[index + 1] == "=" else {
                throw InvalidValue("Unexpected end of key/value pairs in value '\(text)'")
            }
            let variable = EnvironmentVariable(name: tokens[index], value: stripQuotes(tokens[index + 2]))
            variables = merge(variables, [variable])
            index += 4
        }
        return variables
    }

    /// Later variables replace earlier ones of the same name in place, as a Python dict update does.
    static func merge(_ base: [EnvironmentVariable], _ overrides: [EnvironmentVariable]) -> [EnvironmentVariable] {
        var merged = base
        for variable in overrides {
            if let existing = merged.firstIndex(where: { $0.name == variable.name }) {
                merged[existing].value = variable.value
            } else {
                merged.append(variable)
            }
        }
        return merged
    }

    private static let wordCharacters = Set(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_/.+-():".unicodeScalars)
    private static let whitespace = Set(" \t\r\n".unicodeScalars)
    private static let quotes = Set("'\"".unicodeScalars)

    private enum State: Equatable {
        case between
        case word
        case quoted(Unicode.Scalar)
    }

    private static func tokenize(_ text: String) throws(InvalidValue) -> [String] {
        var tokens: [String] = []
        var token = ""
        var state = State.between
        var scalars = text.unicodeScalars[...]

        func skipComment() {
            while let next = scalars.popFirst(), next != "\n" {}
        }

        while let scalar = scalars.popFirst() {
            switch state {
            case .between:
                if whitespace.contains(scalar) { continue }
                if scalar == "#" {
                    skipComment()
                } else if wordCharacters.contains(scalar) {
                    token = String(scalar)
                    state = .word
                } else if quotes.contains(scalar) {
                    token = String(scalar)
                    state = .quoted(scalar)
                } else {
                    tokens.append(String(scalar))
                }
            case .quoted(let mark):
                token.unicodeScalars.append(scalar)
                if scalar == mark {
                    tokens.append(token)
                    state = .between
                }
            case .word:
                if whitespace.contains(scalar) {
                    tokens.append(token)
                    state = .between
                } else if scalar == "#" {
                    // Non-POSIX shlex drops the rest of the line but keeps building the same word.
                    skipComment()
                } else if wordCharacters.contains(scalar) || quotes.contains(scalar) {
                    token.unicodeScalars.append(scalar)
                } else {
                    tokens.append(token)
                    tokens.append(String(scalar))
                    state = .between
                }
            }
        }
        switch state {
        case .quoted: throw InvalidValue("No closing quotation")
        case .word: tokens.append(token)
        case .between: break
        }
        return tokens
    }

    private static func stripQuotes(_ token: String) -> String {
        var value = Substring(token)
        while let first = value.first, first == "'" || first == "\"" { value.removeFirst() }
        while let last = value.last, last == "'" || last == "\"" { value.removeLast() }
        return String(value)
    }
}
