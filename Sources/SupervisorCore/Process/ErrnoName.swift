import CSupervisor

/// The symbolic name of an errno value (`ENOENT`), or its number when it has none.
public func errnoName(_ err: Int32) -> String {
    if let name = sv_errno_name(err) { return String(cString: name) }
    return "\(err)"
}
