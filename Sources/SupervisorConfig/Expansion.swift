/// A value that `%(name)s`-style references can expand to.
enum ExpansionValue: Equatable {
    case string(String)
    case integer(Int)
}

enum ExpansionError: Error, Equatable {
    case unknownName(String)
    case badFormat(String)
}

/// Python's `template % mapping`, which the reference applies to many values: `%(name)s`,
/// `%(name)d` with flags, width and precision (`%(process_num)02d`), and `%%`.
struct Expansions {
    var values: [String: ExpansionValue]

    init(_ values: [String: ExpansionValue] = [:]) { self.values = values }

    subscript(name: String) -> ExpansionValue? {
        get { values[name] }
        set { values[name] = newValue }
    }

    func merging(_ other: Expansions) -> Expansions {
        Expansions(values.merging(other.values) { _, new in new })
    }

    /// `ENV_X` for every variable, as the reference offers the environment.
    static func environment(_ variables: [String: String]) -> Expansions {
        var result = Expansions()
        for (name, value) in variables { result["ENV_" + name] = .string(value) }
        return result
    }

    mutating func addEnvironment(_ variables: [EnvironmentVariable]) {
        for variable in variables { values["ENV_" + variable.name] = .string(variable.value) }
    }

    var sortedNames: [String] {
        values.keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    }

    func expand(_ template: String) throws(ExpansionError) -> String {
        guard template.contains("%") else { return template }
        var output = ""
        var chars = template.unicodeScalars[...]
        while let scalar = chars.popFirst() {
            if scalar != "%" {
                output.unicodeScalars.append(scalar)
                continue
            }
            output += try expandDirective(&chars)
        }
        return output
    }

    /// Consumes one directive after its `%`.
    private func expandDirective(_ chars: inout Substring.UnicodeScalarView) throws(ExpansionError) -> String {
        guard let first = chars.first else { throw .badFormat("incomplete format") }
        if first == "%" {
            chars.removeFirst()
            return "%"
        }
        guard first == "(" else { throw .badFormat("format requires a named mapping key, as in %(name)s") }
        chars.removeFirst()
        var name = ""
        var depth = 1
        while true {
            guard let scalar = chars.popFirst() else { throw .badFormat("incomplete format key") }
            if scalar == "(" { depth += 1 }
            if scalar == ")" {
                depth -= 1
                if depth == 0 { break }
            }
            name.unicodeScalars.append(scalar)
        }
        var spec = FormatSpec()
        while let flag = chars.first, "-+ #0".unicodeScalars.contains(flag) {
            spec.flags.insert(Character(flag))
            chars.removeFirst()
        }
        spec.width = Self.readNumber(&chars)
        if chars.first == "." {
            chars.removeFirst()
            spec.precision = Self.readNumber(&chars) ?? 0
        }
        while let modifier = chars.first, "hlL".unicodeScalars.contains(modifier) { chars.removeFirst() }
        guard let conversion = chars.popFirst() else { throw .badFormat("incomplete format") }
        guard let value = values[name] else { throw .unknownName(name) }
        return try spec.format(value, conversion: Character(conversion))
    }

    private static func readNumber(_ chars: inout Substring.UnicodeScalarView) -> Int? {
        var digits = ""
        while let digit = chars.first, ("0"..."9").contains(digit) {
            digits.unicodeScalars.append(digit)
            chars.removeFirst()
        }
        return Int(digits)
    }
}

private struct FormatSpec {
    var flags: Set<Character> = []
    var width: Int?
    var precision: Int?

    func format(_ value: ExpansionValue, conversion: Character) throws(ExpansionError) -> String {
        switch (conversion, value) {
        case ("s", .string(let text)):
            return pad(truncate(text))
        case ("r", .string(let text)), ("a", .string(let text)):
            return pad(truncate(Self.quote(text)))
        case ("s", .integer(let number)), ("r", .integer(let number)), ("a", .integer(let number)):
            return pad(truncate(String(number)))
        case ("d", .integer(let number)), ("i", .integer(let number)), ("u", .integer(let number)):
            return formatInteger(number, radix: 10, prefix: "")
        case ("o", .integer(let number)):
            return formatInteger(number, radix: 8, prefix: "0o")
        case ("x", .integer(let number)):
            return formatInteger(number, radix: 16, prefix: "0x")
        case ("X", .integer(let number)):
            return formatInteger(number, radix: 16, prefix: "0X", uppercase: true)
        case ("d", .string), ("i", .string), ("u", .string), ("o", .string), ("x", .string), ("X", .string):
            throw .badFormat("%\(conversion) format: a number is required, not a string")
        default:
            throw .badFormat("unsupported format character '\(conversion)'")
        }
    }

    private func truncate(_ text: String) -> String {
        guard let precision else { return text }
        return String(text.prefix(precision))
    }

    private func formatInteger(_ number: Int, radix: Int, prefix: String, uppercase: Bool = false) -> String {
        var digits = String(number.magnitude, radix: radix, uppercase: uppercase)
        if let precision, digits.count < precision {
            digits = String(repeating: "0", count: precision - digits.count) + digits
        }
        var sign = number < 0 ? "-" : ""
        if number >= 0 {
            if flags.contains("+") { sign = "+" } else if flags.contains(" ") { sign = " " }
        }
        let lead = sign + (flags.contains("#") ? prefix : "")
        guard let width, lead.count + digits.count < width else { return lead + digits }
        let fill = width - lead.count - digits.count
        if flags.contains("-") { return lead + digits + String(repeating: " ", count: fill) }
        if flags.contains("0") { return lead + String(repeating: "0", count: fill) + digits }
        return String(repeating: " ", count: fill) + lead + digits
    }

    private func pad(_ text: String) -> String {
        guard let width, text.count < width else { return text }
        let fill = String(repeating: " ", count: width - text.count)
        return flags.contains("-") ? text + fill : fill + text
    }

    /// Python's `repr` of a string, enough for paths and names.
    private static func quote(_ text: String) -> String {
        let mark = text.contains("'") && !text.contains("\"") ? "\"" : "'"
        var body = ""
        for character in text {
            switch character {
            case "\\": body += "\\\\"
            case "\n": body += "\\n"
            case "\t": body += "\\t"
            case "\r": body += "\\r"
            case Character(mark): body += "\\" + mark
            default: body.append(character)
            }
        }
        return mark + body + mark
    }
}
