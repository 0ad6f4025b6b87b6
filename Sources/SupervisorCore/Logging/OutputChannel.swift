/// Which of a child's outputs: the reference calls them channels (`channel=stdout`).
public enum OutputChannel: String, Sendable {
    case stdout, stderr
}
