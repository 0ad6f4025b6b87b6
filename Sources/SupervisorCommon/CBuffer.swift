extension String {
    /// The text before the first NUL of a buffer a C call filled in (`getcwd`, `gethostname`,
    /// `readlink` after the caller's NUL, `mkstemps`); invalid UTF-8 is repaired. Inlinable,
    /// so that callers get it specialized for their buffer's type: the generic version went
    /// through the type's value witnesses for every byte (a fleet's start names 2 AUTO logs
    /// per process).
    @inlinable
    public init(cBuffer buffer: some Collection<CChar>) {
        self.init(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
