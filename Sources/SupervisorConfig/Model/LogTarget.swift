/// Where a child's stdout or stderr goes, as written in `stdout_logfile=`.
public enum LogTarget: Equatable, Sendable {
    /// `AUTO` (the default): a file created in `childlogdir`, removed at startup unless `nocleanup`.
    case automatic
    /// `NONE` (or an empty value): output is read and discarded.
    case none
    /// A path, which may be a non-seekable target such as `/dev/stdout`.
    case path(String)
}
