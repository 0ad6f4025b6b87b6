/// Python's `getopt.getopt`, the reference's command-line parser, with its error
/// messages: options stop at the first word that is not one (or after `--`), short
/// options may be clustered (`-nc file`, `-cfile`), and a long option may be
/// abbreviated to a unique prefix of its name (`--nodae` is `--nodaemon`).
public struct Getopt: Sendable {
    /// One option as given: its flag (`-c`, or the long name in full: `--configuration`)
    /// and its value (empty for an option that takes none).
    public struct Option: Sendable, Equatable {
        public var flag: String
        public var value: String
    }

    /// A command-line mistake, in getopt's words (`option --x not recognized`).
    public struct Failure: Error, Sendable {
        public var message: String

        public init(_ message: String) {
            self.message = message
        }
    }

    private let shortOptions: [Character: Bool]
    private let longOptions: [(name: String, takesValue: Bool, abbreviable: Bool)]

    /// - Parameters:
    ///   - short: letters in getopt's notation, a `:` after each that takes a value (`"h?c:n"`).
    ///   - long: names in getopt's notation, a `=` after each that takes a value (`"configuration="`).
    ///   - longInFull: more long names that match only when spelled in full: options added to
    ///     the reference's, so that no abbreviation the reference accepts becomes ambiguous.
    public init(short: String, long: [String], longInFull: [String] = []) {
        var letters: [Character: Bool] = [:]
        var rest = short[...]
        while let letter = rest.popFirst() {
            let takesValue = rest.first == ":"
            if takesValue { rest = rest.dropFirst() }
            letters[letter] = takesValue
        }
        shortOptions = letters
        func entry(_ spec: String, abbreviable: Bool) -> (name: String, takesValue: Bool, abbreviable: Bool) {
            spec.hasSuffix("=") ? (String(spec.dropLast()), true, abbreviable) : (spec, false, abbreviable)
        }
        longOptions = long.map { entry($0, abbreviable: true) } + longInFull.map { entry($0, abbreviable: false) }
    }

    /// The options in the order given, and the words after them.
    public func parse(_ arguments: [String]) throws(Failure) -> (options: [Option], arguments: [String]) {
        var options: [Option] = []
        var rest = arguments[...]
        while let word = rest.first, word.hasPrefix("-"), word != "-" {
            rest = rest.dropFirst()
            if word == "--" { break }
            if word.hasPrefix("--") {
                options.append(try longOption(word.dropFirst(2), rest: &rest))
            } else {
                options += try shortCluster(word.dropFirst(), rest: &rest)
            }
        }
        return (options, Array(rest))
    }

    private func longOption(_ text: Substring, rest: inout ArraySlice<String>) throws(Failure) -> Option {
        var name = text
        var value: String?
        if let equals = text.firstIndex(of: "=") {
            name = text[..<equals]
            value = String(text[text.index(after: equals)...])
        }
        let (fullName, takesValue) = try matchLong(String(name))
        if takesValue, value == nil {
            guard let next = rest.popFirst() else { throw Failure("option --\(fullName) requires argument") }
            value = next
        } else if !takesValue, value != nil {
            throw Failure("option --\(fullName) must not have an argument")
        }
        return Option(flag: "--\(fullName)", value: value ?? "")
    }

    /// An exact name wins; otherwise the prefix must name exactly one option.
    private func matchLong(_ name: String) throws(Failure) -> (name: String, takesValue: Bool) {
        let candidates = longOptions.filter { $0.name == name || ($0.abbreviable && $0.name.hasPrefix(name)) }
        if let exact = candidates.first(where: { $0.name == name }) { return (exact.name, exact.takesValue) }
        guard let only = candidates.first else { throw Failure("option --\(name) not recognized") }
        guard candidates.count == 1 else { throw Failure("option --\(name) not a unique prefix") }
        return (only.name, only.takesValue)
    }

    private func shortCluster(_ letters: Substring, rest: inout ArraySlice<String>) throws(Failure) -> [Option] {
        var options: [Option] = []
        var cluster = letters
        while let letter = cluster.popFirst() {
            guard let takesValue = shortOptions[letter] else {
                throw Failure("option -\(letter) not recognized")
            }
            var value = ""
            if takesValue {
                if !cluster.isEmpty {
                    value = String(cluster)
                    cluster = ""
                } else if let next = rest.popFirst() {
                    value = next
                } else {
                    throw Failure("option -\(letter) requires argument")
                }
            }
            options.append(Option(flag: "-\(letter)", value: value))
        }
        return options
    }
}
