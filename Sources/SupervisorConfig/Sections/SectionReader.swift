/// Typed, expanded access to one section's keys; every failure becomes a `ConfigError` located
/// at the key (or at the section header when the key is missing).
struct SectionReader {
    let document: IniDocument
    let name: String
    /// Names `%(...)` may use, besides `here`.
    var expansions: Expansions
    /// Keys that may use `%(here)s` (the directory of the file the value is written in); nil for
    /// all. The reference offers it only to some keys, but to every key once the file has an
    /// `[include]` section, because it then substitutes `%(here)s` in all values up front.
    var hereKeys: Set<String>?
    /// The daemon's environment, for `~` in paths.
    let environment: [String: String]

    init(_ document: IniDocument, _ name: String, expansions: Expansions, environment: [String: String]) {
        self.document = document
        self.name = name
        self.expansions = expansions
        self.environment = environment
        hereKeys = document.has("include") ? nil : Set()
    }

    /// Lets these keys use `%(here)s` too.
    func offeringHere(to keys: Set<String>?) -> SectionReader {
        var reader = self
        if let current = reader.hereKeys {
            reader.hereKeys = keys.map { current.union($0) }
        }
        return reader
    }

    func has(_ key: String) -> Bool { document.entry(name, key) != nil }

    /// The value as written, without expansion.
    func raw(_ key: String) -> String? { document.entry(name, key)?.value }

    /// The value with `%(...)` expanded, or nil when the key is absent.
    func string(_ key: String) throws -> String? {
        guard let entry = document.entry(name, key) else { return nil }
        return try expand(entry.value, key: key)
    }

    func string(_ key: String, default fallback: String) throws -> String {
        try string(key) ?? fallback
    }

    /// Parses the expanded value, or the default when the key is absent.
    func value<T>(_ key: String, default fallback: T, _ parse: (String) throws(InvalidValue) -> T) throws -> T {
        guard let text = try string(key) else { return fallback }
        return try convert(text, key: key, parse)
    }

    func value<T>(_ key: String, _ parse: (String) throws(InvalidValue) -> T) throws -> T? {
        guard let text = try string(key) else { return nil }
        return try convert(text, key: key, parse)
    }

    /// A duration (`SecondsParser`), or the default when the key is absent.
    func seconds(_ key: String, default fallback: Double, allowingZero: Bool = false) throws -> Double {
        try value(key, default: fallback) { (text) throws(InvalidValue) in
            try SecondsParser.seconds(text, key: key, allowingZero: allowingZero)
        }
    }

    func convert<T>(_ text: String, key: String?, _ parse: (String) throws(InvalidValue) -> T) throws -> T {
        try convert(text, key: key, parse) { $0 }
    }

    /// Like `convert`, with the reference's own wording for some keys' failures.
    func convert<T>(_ text: String, key: String?, _ parse: (String) throws(InvalidValue) -> T,
                    message: (String) -> String) throws -> T {
        do throws(InvalidValue) {
            return try parse(text)
        } catch {
            throw self.error(message(error.message), key: key)
        }
    }

    /// Expands a template in this section's context. `label` names the value in messages; the
    /// reference uses `section.key` for most values and the bare key for a few.
    func expand(_ template: String, key: String, label: String? = nil, extra: Expansions? = nil) throws -> String {
        // Without a `%` there is nothing to expand and nothing to fail on: no names to gather
        // (a copy of every ENV_ name per value, which made most of the parse of a large fleet).
        guard Expansions.hasDirective(template) else { return template }
        var names = extra.map { expansions.merging($0) } ?? expansions
        let offersHere = hereKeys?.contains(key) ?? true
        // `here` is looked up only by a `%(here)...` directive: a value without one (each
        // process of a numprocs program expands its name) needs neither the file's directory
        // nor a copy of the names with it added; only the error's list of names shows it.
        if offersHere && template.contains("(here)") {
            names["here"] = .string(here(for: key))
        }
        var quoted: String { "Format string \(pythonRepr(template)) for \(pythonRepr(label ?? "\(name).\(key)"))" }
        do throws(ExpansionError) {
            return try names.expand(template)
        } catch .unknownName(let unknown) {
            if offersHere { names["here"] = .string(here(for: key)) }
            throw error("\(quoted) contains names (\(pythonRepr(unknown))) which cannot be expanded. "
                            + "Available names: " + names.sortedNames.joined(separator: ", "), key: key)
        } catch .badFormat(let reason) {
            throw error("\(quoted) is badly formatted: \(reason)", key: key)
        }
    }

    /// The directory of the file the key (or else the section) was written in.
    func here(for key: String) -> String {
        let file = document.entry(name, key)?.file ?? document[name]?.file ?? ""
        return Paths.dirname(Paths.absolute(file))
    }

    /// The section and the file it starts in, as errors in program sections name them.
    var errorSection: ConfigError.Section {
        ConfigError.Section(name: name, file: document[name]?.file ?? "")
    }

    /// An error at the key's line when the key is present, else at the section header.
    func error(_ message: String, key: String? = nil) -> ConfigError {
        if let key, let entry = document.entry(name, key) {
            return ConfigError(message, file: entry.file, line: entry.line)
        }
        let section = document[name]
        return ConfigError(message, file: section?.file, line: section?.line)
    }
}
