/// Typed, expanded access to one section's keys; every failure becomes a `ConfigError` that
/// names the file and line of the key (or of the section header when the key is missing).
struct SectionReader {
    let document: IniDocument
    let name: String
    /// Names `%(...)` may use, besides `here`, which always follows the file a value came from.
    var expansions: Expansions
    /// The daemon's environment, for `~` in paths.
    let environment: [String: String]

    init(_ document: IniDocument, _ name: String, expansions: Expansions, environment: [String: String]) {
        self.document = document
        self.name = name
        self.expansions = expansions
        self.environment = environment
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

    func convert<T>(_ text: String, key: String?, _ parse: (String) throws(InvalidValue) -> T) throws -> T {
        do throws(InvalidValue) {
            return try parse(text)
        } catch {
            throw self.error(error.message, key: key)
        }
    }

    /// Expands a template in this section's context; `key` says where it came from.
    func expand(_ template: String, key: String, extra: Expansions? = nil) throws -> String {
        var names = extra.map { expansions.merging($0) } ?? expansions
        names["here"] = .string(here(for: key))
        do throws(ExpansionError) {
            return try names.expand(template)
        } catch .unknownName(let unknown) {
            throw error("'\(template)' refers to '\(unknown)', which cannot be expanded; available names: "
                            + names.sortedNames.joined(separator: ", "), key: key)
        } catch .badFormat(let reason) {
            throw error("'\(template)' is badly formatted: \(reason)", key: key)
        }
    }

    /// The directory of the file the key (or else the section) was written in.
    func here(for key: String) -> String {
        let file = document.entry(name, key)?.file ?? document[name]?.file ?? ""
        return Paths.dirname(Paths.absolute(file))
    }

    /// An error at the key's line when the key is present, else at the section header.
    func error(_ message: String, key: String? = nil) -> ConfigError {
        let prefix = key.map { "[\(name)] \($0): " } ?? "[\(name)] "
        if let key, let entry = document.entry(name, key) {
            return ConfigError(prefix + message, file: entry.file, line: entry.line)
        }
        let section = document[name]
        return ConfigError(prefix + message, file: section?.file, line: section?.line)
    }
}
