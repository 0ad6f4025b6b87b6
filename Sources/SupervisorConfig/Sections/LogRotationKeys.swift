extension LogRotationPolicy {
    /// Reads `PREFIX_rotate`, `PREFIX_maxage` and `PREFIX_compress`, where the prefix is a log
    /// file's key: `stdout_logfile`, `stderr_logfile` or the daemon's `logfile`.
    static func read(_ reader: SectionReader, prefix: String) throws -> LogRotationPolicy {
        var policy = LogRotationPolicy()
        policy.period = try reader.value(prefix + "_rotate", default: policy.period) { (text) throws(InvalidValue) in
            try ExtensionValueParsers.choice(text, key: prefix + "_rotate")
        }
        policy.maxAge = try reader.value(prefix + "_maxage", default: nil) { (text) throws(InvalidValue) in
            try ExtensionValueParsers.maxAge(text, key: prefix + "_maxage")
        }
        policy.compress = try reader.value(prefix + "_compress", default: policy.compress, ValueParsers.boolean)
        return policy
    }

    /// The keys `read` reads for a prefix, for `KnownKeys`.
    static func keys(prefix: String) -> [String] {
        ["rotate", "maxage", "compress"].map { prefix + "_" + $0 }
    }
}
