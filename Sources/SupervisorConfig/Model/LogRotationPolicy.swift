/// The extension keys of a log file's rotation, besides the reference's maxbytes and backups:
/// `*_logfile_rotate`, `*_logfile_maxage` and `*_logfile_compress` (`logfile_…` for the
/// daemon's own log). The defaults are the reference's behaviour.
public struct LogRotationPolicy: Equatable, Sendable {
    /// Rolling over at a boundary of local time as well as at maxbytes.
    public var period: RotationPeriod
    /// Rotated files last written longer ago than this many seconds are deleted; nil keeps them.
    public var maxAge: Int?
    /// Rotated files are gzip-compressed (`NAME.gz`).
    public var compress: Bool

    public init(period: RotationPeriod = .none, maxAge: Int? = nil, compress: Bool = false) {
        self.period = period
        self.maxAge = maxAge
        self.compress = compress
    }

    /// True when none of the keys is set: the file rotates exactly as the reference's does.
    public var isReferenceBehaviour: Bool { self == LogRotationPolicy() }
}
