import Glibc

extension IniDocument {
    /// Why a file could not be read; the caller words the error.
    enum FileFailure {
        case missing
        case notRegularFile
    }

    /// Reads a file into the document; the file must exist and be readable. It must be a regular
    /// file: reading a device such as /dev/zero would never end. A main file may also be a pipe
    /// (`-c <(generate-config)`), which ends when its writer closes it.
    mutating func read(file: String, allowingPipe: Bool = false, failure: (FileFailure) -> ConfigError) throws {
        guard let type = Paths.fileType(file) else { throw failure(.missing) }
        guard type == S_IFREG || (allowingPipe && type == S_IFIFO) else { throw failure(.notRegularFile) }
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
        for pattern in files.split(whereSeparator: \.isWhitespace).map({ Paths.join(base, String($0)) }) {
            let matches = Paths.hasGlobCharacters(pattern) ? Paths.glob(pattern) : [pattern]
            if matches.isEmpty {
                warnings.append("No file matches via include \"\(pattern)\"")
            }
            for file in matches where !visited.contains(Paths.absolute(file)) {
                visited.insert(Paths.absolute(file))
                infos.append("Included extra file \"\(file)\" during parsing")
                try read(file: file) { failure in
                    let problem = failure == .missing ? "does not exist" : "is not a regular file"
                    return section.error("included file \(file) \(problem); it is named in [include] files",
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
