/// `*_logfile_rotate=` (extension): when a log file is also rolled over by the clock, at a
/// boundary of local time.
public enum RotationPeriod: String, Equatable, Sendable, CaseIterable {
    /// Only by size (`*_logfile_maxbytes`), as the reference does: the default.
    case none
    /// At local midnight.
    case daily
    /// At each full hour of local time.
    case hourly
}
