import SupervisorCommon

/// Reads INI text the way the reference's (non-strict) `RawConfigParser` does, so files that
/// work there mean the same thing here.
extension IniDocument {
    /// Lines that are neither a header nor `key = value` are collected and reported together at
    /// the end of the file, as the reference does; text before the first header fails at once.
    mutating func read(text: String, file: String) throws {
        var text = text
        try text.withUTF8 { bytes in try read(utf8: bytes, file: file) }
    }

    private mutating func read(utf8 bytes: UnsafeBufferPointer<UInt8>, file: String) throws {
        var currentSection: String?
        var currentKey: String?
        var indentLevel = 0
        var lineNumber = 0
        var badLines: [(number: Int, text: String)] = []
        try IniLine.lines(of: bytes) { line in
            lineNumber += 1
            let commentStart = line.commentStart
            let content = line.content(before: commentStart ?? line.end)

            if content.isEmpty {
                // A truly blank line belongs to a multi-line value (trimmed at its end); a comment line does not.
                if commentStart == nil, let section = currentSection, let key = currentKey {
                    modifySection(section) { $0.appendLine("", toKey: key) }
                }
                return
            }

            let indent = line.indent
            if let section = currentSection, let key = currentKey, indent > indentLevel {
                modifySection(section) { $0.appendLine(content, toKey: key) }
                return
            }
            indentLevel = indent
            finishValue(section: currentSection, key: currentKey)

            if let header = IniDocument.sectionHeader(content) {
                _ = openSection(header, file: file, line: lineNumber)
                currentSection = header
                currentKey = nil
                return
            }
            guard let section = currentSection else {
                throw ConfigError("File contains no section headers.\nfile: \(pythonRepr(file)), line: \(lineNumber)\n"
                                      + line.quoted, file: file, line: lineNumber)
            }
            guard let (key, value) = IniDocument.option(content) else {
                badLines.append((lineNumber, line.quoted))
                return
            }
            let entry = IniEntry(key: key, value: value, file: file, line: lineNumber)
            var replaced: IniEntry?
            modifySection(section) { replaced = $0.set(entry) }
            if let replaced {
                duplicateKeyWarnings.append(
                    "[\(section)] \(key) is set again in \(file) line \(lineNumber); the earlier value "
                        + "(\(replaced.file) line \(replaced.line)) is ignored")
            }
            currentKey = key
        }
        finishValue(section: currentSection, key: currentKey)
        if let first = badLines.first {
            let listed = badLines.map { "\n\t[line \(Self.padded($0.number))]: \($0.text)" }.joined()
            throw ConfigError("Source contains parsing errors: \(pythonRepr(file))" + listed, file: file,
                              line: first.number)
        }
    }

    /// Python's `%2d`.
    private static func padded(_ number: Int) -> String {
        number < 10 ? " \(number)" : String(number)
    }

    private mutating func finishValue(section: String?, key: String?) {
        guard let section, let key else { return }
        modifySection(section) { $0.trimTrailingWhitespace(ofKey: key) }
    }

    /// `[name]`: the name runs from the first `[` to the last `]` of the line.
    static func sectionHeader(_ content: String) -> String? {
        guard content.hasPrefix("["), let close = content.lastIndex(of: "]") else { return nil }
        let name = content[content.index(after: content.startIndex)..<close]
        return name.isEmpty ? nil : String(name)
    }

    /// `key = value` or `key: value`, split at the first delimiter; keys are lower-cased.
    static func option(_ content: String) -> (String, String)? {
        guard let delimiter = content.firstIndex(where: { $0 == "=" || $0 == ":" }) else { return nil }
        let key = String(content[..<delimiter]).trimmingWhitespace().lowercased()
        guard !key.isEmpty else { return nil }
        let value = String(content[content.index(after: delimiter)...]).trimmingWhitespace()
        return (key, value)
    }
}
