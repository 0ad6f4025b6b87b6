extension IniDocument {
    /// Reads a file into the document; the file must exist and be readable.
    mutating func read(file: String, missing: (String) -> ConfigError) throws {
        guard Paths.exists(file) else { throw missing(file) }
        guard let text = Paths.readText(file) else { throw ConfigError("could not read config file \(file)") }
        try read(text: text, file: file)
    }

    /// Reads the files named by the main file's `[include] files`. Included files cannot include
    /// further files: the list is taken from the main file before any of them is read.
    /// A wildcard matching nothing is only a warning, as in the reference, but a plain file name
    /// that does not exist is an error here (the reference warns and starts without it).
    mutating func readIncludes(mainFile: String, expansions: Expansions, environment: [String: String],
                               warnings: inout [String], infos: inout [String]) throws {
        guard has("include") else { return }
        let section = SectionReader(self, "include", expansions: expansions, environment: environment)
        guard let files = try section.string("files") else {
            throw section.error(".ini file has [include] section, but no files setting")
        }
        let base = Paths.dirname(Paths.absolute(mainFile))
        let place = self["include"]?["files"].map { " (file: \(pythonRepr($0.file)), line \($0.line))" } ?? ""
        for pattern in files.split(whereSeparator: \.isWhitespace).map({ Paths.join(base, String($0)) }) {
            let matches = Paths.hasGlobCharacters(pattern) ? Paths.glob(pattern) : [pattern]
            if matches.isEmpty {
                warnings.append("No file matches via include \"\(pattern)\"")
            }
            for file in matches {
                infos.append("Included extra file \"\(file)\" during parsing")
                try read(file: file) { missing in
                    section.error("included file \(missing) does not exist; it is named in [include] files" + place,
                                  key: "files")
                }
            }
        }
    }
}
