import SupervisorCommon

/// The section names a config file may use. The reference silently skips any other section,
/// which hides typos such as `[prgoram:web]`; here they are errors.
enum SectionTypes {
    static let singletons = ["supervisord", "unix_http_server", "inet_http_server", "supervisorctl", "include"]
    static let prefixes = ["program:", "group:", "eventlistener:", "fcgi-program:", "rpcinterface:", "ctlplugin:"]

    static func check(_ document: IniDocument) throws {
        for section in document.sections where !singletons.contains(section.name) {
            guard let prefix = prefixes.first(where: section.name.hasPrefix) else {
                throw ConfigError("unknown section type [\(section.name)]; sections are "
                                      + singletons.map { "[\($0)]" }.joined(separator: ", ") + " or start with "
                                      + prefixes.joined(separator: ", "),
                                  file: section.file, line: section.line)
            }
            if String(section.name.dropFirst(prefix.count)).trimmingWhitespace().isEmpty {
                throw ConfigError("section [\(section.name)] has no name after \(prefix)",
                                  file: section.file, line: section.line)
            }
        }
    }
}
