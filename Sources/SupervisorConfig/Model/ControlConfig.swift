/// `[supervisorctl]`, with the reference's defaults.
public struct ControlConfig: Equatable, Sendable {
    public var serverurl: String = "http://localhost:9001"
    public var username: String?
    public var password: String?
    public var prompt: String = "supervisor"
    /// Absolute when set.
    public var historyFile: String?
    /// Things `supervisorctl` should mention but that do not stop it (such as ignored plugins).
    public var warnings: [String] = []

    public init() {}
}
