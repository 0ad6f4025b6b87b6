

/// One process to run: a `[program:x]` section yields `numprocs` of these.
/// Equality decides whether `reread`/`update` treat a group as changed.
@dynamicMemberLookup
public struct ProcessConfig: Equatable, Sendable {
    /// The settings live in one shared block, copied on the first change after a copy
    /// (copy-on-write): each running process keeps its config, and so do the group's
    /// config and the daemon's `Configuration`, so with thousands of processes an inline
    /// struct of this size would be held twice per process.
    @usableFromInline
    final class Storage: @unchecked Sendable {
        @usableFromInline var settings: ProcessSettings

        @usableFromInline
        init(_ settings: ProcessSettings) { self.settings = settings }
    }

    @usableFromInline
    var storage: Storage

    public init(name: String, command: String) {
        storage = Storage(ProcessSettings(name: name, command: command))
    }

    @inlinable
    public subscript<Value>(dynamicMember path: WritableKeyPath<ProcessSettings, Value>) -> Value {
        get { storage.settings[keyPath: path] }
        _modify {
            if !isKnownUniquelyReferenced(&storage) { storage = Storage(storage.settings) }
            yield &storage.settings[keyPath: path]
        }
    }

    public static func == (lhs: ProcessConfig, rhs: ProcessConfig) -> Bool {
        lhs.storage === rhs.storage || lhs.storage.settings == rhs.storage.settings
    }

    /// Whether the process gets `$NOTIFY_SOCKET` (sd_notify): `ready=notify` or `watchdog_sec`.
    public var usesNotifySocket: Bool { self.ready?.probe == .notify || self.watchdogSeconds != nil }
    /// Whether something judges its health while RUNNING (`healthcheck=`, `watchdog_sec`).
    public var hasHealthChecks: Bool { self.healthcheck != nil || self.watchdogSeconds != nil }
}
