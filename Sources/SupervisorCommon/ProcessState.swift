/// The reference's process states, with its numeric codes (they travel over XML-RPC).
public enum ProcessState: Int, Sendable, CaseIterable {
    case stopped = 0
    case starting = 10
    case running = 20
    case backoff = 30
    case stopping = 40
    case exited = 100
    case fatal = 200
    case unknown = 1000

    /// `STOPPED`, `RUNNING`, …: the reference's names are the cases' names in capitals
    /// (made once: listings name thousands of processes).
    public var name: String { Self.names[self]! }

    private static let names = Dictionary(uniqueKeysWithValues: allCases.map { ($0, "\($0)".uppercased()) })

    /// States in which the process is considered stopped (may be started, may be removed).
    public var isStopped: Bool {
        switch self {
        case .stopped, .exited, .fatal, .unknown: true
        default: false
        }
    }

    /// States in which the process is considered running (start is refused).
    public var isRunning: Bool {
        switch self {
        case .running, .backoff, .starting: true
        default: false
        }
    }

    /// States in which a signal may be sent.
    public var isSignallable: Bool {
        switch self {
        case .running, .starting, .stopping: true
        default: false
        }
    }
}
