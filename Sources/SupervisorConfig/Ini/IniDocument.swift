/// One `key = value` as read, with where it was written (for error messages and `%(here)s`).
struct IniEntry: Equatable {
    var key: String
    var value: String
    var file: String
    var line: Int
}

/// A section, possibly assembled from several headers of the same name: the reference's parser
/// is not strict, so a repeated section merges into the first and a repeated key replaces the
/// earlier value in place.
struct IniSection: Equatable {
    var name: String
    var file: String
    var line: Int
    private(set) var entries: [IniEntry] = []
    private var positions: [String: Int] = [:]

    init(name: String, file: String, line: Int) {
        self.name = name
        self.file = file
        self.line = line
    }

    subscript(key: String) -> IniEntry? {
        positions[key].map { entries[$0] }
    }

    /// Returns the entry this one replaced, if any.
    @discardableResult
    mutating func set(_ entry: IniEntry) -> IniEntry? {
        if let position = positions[entry.key] {
            let previous = entries[position]
            entries[position] = entry
            return previous
        }
        positions[entry.key] = entries.count
        entries.append(entry)
        return nil
    }

    mutating func appendLine(_ text: String, toKey key: String) {
        guard let position = positions[key] else { return }
        entries[position].value += "\n" + text
    }

    /// Multi-line values lose trailing blank lines, as the reference's parser trims them.
    mutating func trimTrailingWhitespace(ofKey key: String) {
        guard let position = positions[key] else { return }
        var value = entries[position].value
        while let last = value.last, last.isWhitespace { value.removeLast() }
        entries[position].value = value
    }
}

/// Every section read from the main file and its includes, in order of first appearance.
struct IniDocument {
    static let defaultSectionName = "DEFAULT"

    private(set) var sections: [IniSection] = []
    private var positions: [String: Int] = [:]
    /// `[DEFAULT]` keys, which every section inherits unless it sets them itself.
    var defaults = IniSection(name: IniDocument.defaultSectionName, file: "", line: 0)
    /// Keys that were silently replaced by a later occurrence; the reference accepts them.
    var duplicateKeyWarnings: [String] = []

    var sectionNames: [String] { sections.map(\.name) }

    subscript(name: String) -> IniSection? {
        positions[name].map { sections[$0] }
    }

    func has(_ name: String) -> Bool { positions[name] != nil }

    /// A key's entry in a section, falling back to `[DEFAULT]`.
    func entry(_ section: String, _ key: String) -> IniEntry? {
        self[section]?[key] ?? defaults[key]
    }

    /// The keys a section has, its own first, then inherited ones.
    func keys(of section: String) -> [String] {
        let own = self[section]?.entries.map(\.key) ?? []
        return own + defaults.entries.map(\.key).filter { !own.contains($0) }
    }

    /// Makes `name` exist and returns whether it was new.
    mutating func openSection(_ name: String, file: String, line: Int) -> Bool {
        if name == IniDocument.defaultSectionName || positions[name] != nil { return false }
        positions[name] = sections.count
        sections.append(IniSection(name: name, file: file, line: line))
        return true
    }

    mutating func modifySection(_ name: String, _ body: (inout IniSection) -> Void) {
        if name == IniDocument.defaultSectionName {
            body(&defaults)
        } else if let position = positions[name] {
            body(&sections[position])
        }
    }
}
