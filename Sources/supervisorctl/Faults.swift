/// Fault codes of the supervisor XML-RPC API (the reference's `xmlrpc.Faults`).
enum Fault {
    static let unknownMethod = 1
    static let shutdownState = 6
    static let badName = 10
    static let badSignal = 11
    static let noFile = 20
    static let notExecutable = 21
    static let failed = 30
    static let abnormalTermination = 40
    static let spawnError = 50
    static let alreadyStarted = 60
    static let notRunning = 70
    static let success = 80
    static let alreadyAdded = 90
    static let stillRunning = 91
    static let cantReread = 92

    /// Results that mean "the program is not running" (LSB status 7 for start/stop).
    static let deadProgram: Set<Int> = [spawnError, abnormalTermination, notRunning]
}

/// Exit statuses, as the reference chooses them (LSB init-script conventions).
enum ExitStatus {
    static let success: Int32 = 0
    static let generic: Int32 = 1
    static let invalidArgs: Int32 = 2
    static let unimplementedFeature: Int32 = 3
    static let insufficientPrivileges: Int32 = 4
    static let notInstalled: Int32 = 5
    static let notRunning: Int32 = 7
    /// `status`: some named process is not running / unknown.
    static let statusNotRunning: Int32 = 3
    static let statusUnknown: Int32 = 4
}

/// Process states from getProcessInfo's `state`.
enum ProcessState {
    static let stopped = 0
    static let running = 20
    static let exited = 100
    static let fatal = 200
    static let unknown = 1000
    /// The reference's `STOPPED_STATES`.
    static let stoppedStates: Set<Int> = [stopped, exited, fatal, unknown]
}
