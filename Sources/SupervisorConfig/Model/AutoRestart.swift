/// `autorestart=`: when a process that left RUNNING is started again.
public enum AutoRestart: String, Equatable, Sendable {
    case never = "false"
    case unexpected
    case always = "true"
}
