/// A group of processes started and stopped together: a `[program:x]` (a homogeneous group
/// named after the program), a `[group:x]`, an `[eventlistener:x]` pool or an `[fcgi-program:x]`.
public struct GroupConfig: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        case programs
        case eventListenerPool(EventListenerPoolConfig)
        case fastCGI(FastCGISocketConfig)
    }

    public var name: String
    public var priority: Int
    public var kind: Kind
    /// Each program's processes sorted by ascending priority then name, as the reference sorts them;
    /// a `[group:x]` keeps its programs in the order it lists them.
    public var processes: [ProcessConfig]

    public init(name: String, priority: Int, kind: Kind = .programs, processes: [ProcessConfig]) {
        self.name = name
        self.priority = priority
        self.kind = kind
        self.processes = processes
    }
}
