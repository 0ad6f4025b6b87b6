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
