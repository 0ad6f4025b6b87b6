/// One entry of `environment_file=` (extension): a dotenv file read at every spawn.
public struct EnvironmentFile: Equatable, Sendable {
    /// As written after `%(...)` expansion; relative paths are relative to `directory`.
    public var path: String
    /// Written with a leading `-`: a missing file is skipped instead of failing the spawn.
    public var isOptional: Bool

    public init(path: String, isOptional: Bool = false) {
        self.path = path
        self.isOptional = isOptional
    }
}
