import SupervisorConfig

/// Command-line values that take precedence over `[supervisord]` keys, already
/// checked (the reference checks each as it reads the command line), in the order given.
struct DaemonOverrides {
    private var edits: [(key: PartialKeyPath<DaemonConfig>, apply: (inout DaemonConfig) -> Void)] = []

    /// Sets `key` to `value`; false when the command line set it already (`-n` and
    /// `--nodaemon` are the same key: the reference calls that a conflict).
    mutating func set<Value>(_ key: WritableKeyPath<DaemonConfig, Value>, to value: Value) -> Bool {
        guard !edits.contains(where: { $0.key == key }) else { return false }
        edits.append((key, { $0[keyPath: key] = value }))
        return true
    }

    func apply(to config: inout Configuration) {
        for edit in edits { edit.apply(&config.daemon) }
    }
}
