/// The reference's `group:name` process names.
public enum Namespec {
    /// How a process is named: just its name when it is alone in a same-named group.
    public static func format(group: String, name: String) -> String {
        group == name ? name : "\(group):\(name)"
    }

    /// Splits `group:name`; `group:` and `group:*` mean the whole group (process nil),
    /// and a bare `name` means the process of that name in the group of that name.
    public static func split(_ spec: String) -> (group: String, process: String?) {
        guard let colon = spec.firstIndex(of: ":") else { return (spec, spec) }
        let process = String(spec[spec.index(after: colon)...])
        return (String(spec[..<colon]), process.isEmpty || process == "*" ? nil : process)
    }
}
