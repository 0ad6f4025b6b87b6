/// Why a control operation was refused or failed. Each adapter words these its own way:
/// XML-RPC as the reference's faults (`RPCFault(ControlError)`), the web page as messages.
public enum ControlError: Error, Equatable, Sendable {
    /// The daemon is shutting down or restarting: it takes no requests.
    case shuttingDown
    /// No such process or group (the spec as given).
    case badName(String)
    /// Not a signal name or number.
    case badSignal(String)
    /// A file that is not there: the command, a log, or a closed stdin (what, when known).
    case noFile(String?)
    /// The command exists but cannot be run.
    case notExecutable(String)
    /// Anything else that went wrong (a signal that could not be sent, an unreadable log).
    case failed(String?)
    /// A waited-for start ended in a state other than RUNNING.
    case abnormalTermination(String)
    /// The process could not be spawned.
    case spawnError(String)
    case alreadyStarted(String)
    case notRunning(String)
    /// The group is already in the running configuration.
    case alreadyAdded(String)
    /// The group still has processes that are not stopped.
    case stillRunning(String)
    /// The configuration could not be read again.
    case cantReread(String)
    /// Arguments out of range (a log offset or length).
    case badArguments
}
