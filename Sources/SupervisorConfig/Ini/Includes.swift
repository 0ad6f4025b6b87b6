extension IniDocument {
    /// Reads a file into the document; the file must exist and be readable.
    mutating func read(file: String, missing: (String) -> ConfigError) throws {
        guard Paths.exists(file) else { throw missing(file) }
        guard let text = Paths.readText(file) else { throw ConfigError("could not read config file \(file)") }
        try read(text: text, file: file)
    }

    /// Reads the files named by `[include] files`, relative to the file that names them.
    /// An included file may include further files (the reference ignores those; see
    /// docs/compatibility.md); a file already read is not read again, so cycles end.
    /// A wildcard matching nothing is only a warning, as in the reference, but a plain file name
    /// that does not exist is an error here (the reference warns and starts without it).
    mutating func readIncludes(mainFile: String, expansions: Expansions, environment: [String: String],
                               warnings: inout [String], infos: inout [String]) throws {
        guard has("include") else { return }
        var visited: Set<String> = [Paths.absolute(mainFile)]
        try readIncludes(of: Paths.absolute(mainFile), visited: &visited, expansions: expansions,
                         environment: environment, warnings: &warnings, infos: &infos)
    }

    private mutating func readIncludes(of includingFile: String, visited: inout Set<String>, expansions: Expansions,
                                       environment: [String: String], warnings: inout [String], infos: inout [String]) throws {
        let section = SectionReader(self, "include", expansions: expansions, environment: environment)
        guard let files = try section.string("files") else {
            throw section.error(".ini file has [include] section, but no files setting")
        }
        let base = Paths.dirname(includingFile)
        let place = self["include"]?["files"].map { " (file: \(pythonRepr($0.file)), line \($0.line))" } ?? ""
        for pattern in files.split(whereSeparator: \.isWhitespace).map({ Paths.join(base, String($0)) }) {
            let matches = Paths.hasGlobCharacters(pattern) ? Paths.glob(pattern) : [pattern]
            if matches.isEmpty {
                warnings.append("No file matches via include \"\(pattern)\"")
            }
            for file in matches where !visited.contains(Paths.absolute(file)) {
                visited.insert(Paths.absolute(file))
                infos.append("Included extra file \"\(file)\" during parsing")
                try read(file: file) { missing in
                    section.error("included file \(missing) does not exist; it is named in [include] files" + place,
                                  key: "files")
                }
                // The file brought its own `[include] files`: those are relative to it.
                if let entry = self["include"]?["files"], Paths.absolute(entry.file) == Paths.absolute(file) {
                    try readIncludes(of: Paths.absolute(file), visited: &visited, expansions: expansions,
                                     environment: environment, warnings: &warnings, infos: &infos)
                }
            }
        }
    }
}
