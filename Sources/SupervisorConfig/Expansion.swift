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

    /// Whether `template` has a `%` to expand. The byte first: the Character search is slow,
    /// and most values have no `%` at all.
    static func hasDirective(_ template: String) -> Bool {
        template.utf8.contains(UInt8(ascii: "%")) && template.contains("%")
    }

    /// Fails like Python does: an unknown name as soon as the key is read, other problems with
    /// Python's own wording.
    func expand(_ template: String) throws(ExpansionError) -> String {
        guard Self.hasDirective(template) else { return template }
        let scalars = Array(template.unicodeScalars)
        var output = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            index += 1
            if scalar != "%" {
                output.append(scalar)
                continue
            }
            output.append(contentsOf: try expandDirective(scalars, &index).unicodeScalars)
        }
        return String(output)
    }

    /// Consumes one directive that follows a `%`.
    private func expandDirective(_ scalars: [Unicode.Scalar], _ index: inout Int) throws(ExpansionError) -> String {
        guard index < scalars.count else { throw .badFormat("incomplete format") }
        if scalars[index] == "%" {
            index += 1
            return "%"
        }
        guard scalars[index] == "(" else {
            throw .badFormat("a mapping key is required, as in %(name)s")
        }
        index += 1
        var name = String.UnicodeScalarView()
        var depth = 1
        while true {
            guard index < scalars.count else { throw .badFormat("incomplete format key") }
            let scalar = scalars[index]
            index += 1
            if scalar == "(" { depth += 1 }
            if scalar == ")" {
                depth -= 1
                if depth == 0 { break }
            }
            name.append(scalar)
        }
        guard let value = values[String(name)] else { throw .unknownName(String(name)) }
        var spec = FormatSpec()
        while index < scalars.count, "-+ #0".unicodeScalars.contains(scalars[index]) {
            spec.flags.insert(Character(scalars[index]))
            index += 1
        }
        spec.width = Self.readNumber(scalars, &index)
        if index < scalars.count, scalars[index] == "." {
            index += 1
            spec.precision = Self.readNumber(scalars, &index) ?? 0
        }
        while index < scalars.count, "hlL".unicodeScalars.contains(scalars[index]) { index += 1 }
        guard index < scalars.count else { throw .badFormat("incomplete format") }
        let conversion = scalars[index]
        index += 1
        return try spec.format(value, conversion: conversion, at: index - 1)
    }

    private static func readNumber(_ scalars: [Unicode.Scalar], _ index: inout Int) -> Int? {
        var digits = ""
        while index < scalars.count, ("0"..."9").contains(scalars[index]) {
            digits.unicodeScalars.append(scalars[index])
            index += 1
        }
        return Int(digits)
    }
}

private struct FormatSpec {
    var flags: Set<Character> = []
    var width: Int?
    var precision: Int?

    func format(_ value: ExpansionValue, conversion: Unicode.Scalar, at position: Int) throws(ExpansionError) -> String {
        switch (conversion, value) {
        case ("s", .string(let text)):
            return pad(truncate(text))
        case ("r", .string(let text)), ("a", .string(let text)):
            return pad(truncate(pythonRepr(text)))
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
        case ("d", .string), ("i", .string), ("u", .string):
            throw .badFormat("%\(conversion) format: a real number is required, not str")
        case ("o", .string), ("x", .string), ("X", .string):
            throw .badFormat("%\(conversion) format: an integer is required, not str")
        case ("e", _), ("E", _), ("f", _), ("F", _), ("g", _), ("G", _), ("c", _):
            throw .badFormat("%\(conversion) is not supported here; use %s, %d, %o, %x or %X")
        default:
            let code = String(conversion.value, radix: 16)
            throw .badFormat("unsupported format character '\(conversion)' (0x\(code)) at index \(position)")
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
}
