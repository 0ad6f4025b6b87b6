/// `[supervisord] logfile_format=` (extension): how the daemon's own log lines are written.
public enum MainLogFormat: String, Equatable, Sendable, CaseIterable {
    /// `2026-12-01 15:04:05,123 INFO message`, as the reference writes them.
    case text
    /// One JSON object per line: `{"time":"2026-12-01T15:04:05.123+01:00","level":"info","message":"…"}`.
    case json
}
