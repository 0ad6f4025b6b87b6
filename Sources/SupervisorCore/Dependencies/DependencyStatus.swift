import SupervisorCommon

/// Where a process stands with its `depends_on` conditions.
enum DependencyStatus: Equatable {
    /// Every dependency meets its condition.
    case met
    /// These programs do not meet their conditions yet.
    case waiting([String])
    /// This program failed in a way that cannot meet the condition: FATAL, or (for
    /// `completed`) EXITED with an unexpected code; `state` is what it reached.
    case failed(program: String, state: ProcessState)
    /// No loaded program has this name (it was removed, or never added by `update`).
    case missing(String)
}
