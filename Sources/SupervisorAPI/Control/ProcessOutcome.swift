import SupervisorCore

/// What an operation on several processes did to one of them.
struct ProcessOutcome {
    let process: Subprocess
    /// nil when it succeeded.
    let error: ControlError?

    init(process: Subprocess, error: ControlError?) {
        self.process = process
        self.error = error
    }

    /// The outcome of a waited-for operation (its future's result).
    init(process: Subprocess, result: Result<Void, Error>) {
        self.process = process
        if case .failure(let failure) = result {
            error = failure as? ControlError ?? .failed("\(failure)")
        } else {
            error = nil
        }
    }
}
