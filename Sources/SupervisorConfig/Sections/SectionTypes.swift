/// The section names a config file may use. The reference silently skips any other section,
/// which hides typos such as `[prgoram:web]`; here they are errors.
enum SectionTypes {
    static let singletons: Set<String> = [
        "supervisord", "unix_http_server", "inet_http_server", "supervisorctl", "include",
    ]
    static let prefixes = ["program:", "group:", "eventlistener:", "fcgi-program:", "rpcinterface:", "ctlplugin:"]

    static func check(_ document: IniDocument) throws {
        for section in document.sections {
            let name = section.name
            if singletons.contains(name) { continue }
            guard let prefix = prefixes.first(where: name.hasPrefix) else {
                throw ConfigError("unknown section type [\(name)]; known ones are "
                                      + (singletons.sorted() + prefixes.map { $0 + "x" }).map { "[\($0)]" }
                                      .joined(separator: ", "),
                                  file: section.file, line: section.line)
            }
            if String(name.dropFirst(prefix.count)).trimmingWhitespace().isEmpty {
                throw ConfigError("[\(name)] has an empty name", file: section.file, line: section.line)
            }
        }
    }
}
