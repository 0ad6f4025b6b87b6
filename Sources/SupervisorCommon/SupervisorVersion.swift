/// The versions this implementation reports, those of the reference it replaces.
public enum SupervisorVersion {
    /// `supervisord --version`, `getSupervisorVersion`.
    public static let package = "4.3.0"
    /// The XML-RPC API version (`getAPIVersion`), which supervisorctl checks.
    public static let api = "3.0"
}
