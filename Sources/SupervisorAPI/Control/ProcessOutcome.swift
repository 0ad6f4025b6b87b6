import SupervisorCore

/// What an operation on several processes did to one of them.
struct ProcessOutcome {
    let process: Subprocess
    /// nil when it succeeded.
    let error: ControlError?
}
