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

public struct EventListenerPoolConfig: Equatable, Sendable {
    /// The one result handler there is: `OK` accepts an event, `FAIL` rejects it.
    public static let defaultResultHandler = "supervisor.dispatchers:default_handler"

    /// Event type names as subscribed, upper-cased (`PROCESS_STATE`, `TICK_60`, ...).
    public var events: [String]
    public var bufferSize: Int = 10
    /// Only the reference's default accept/reject handler exists here.
    public var resultHandler: String = "supervisor.dispatchers:default_handler"

    public init(events: [String], bufferSize: Int = 10, resultHandler: String = "supervisor.dispatchers:default_handler") {
        self.events = events
        self.bufferSize = bufferSize
        self.resultHandler = resultHandler
    }
}

public struct FastCGISocketConfig: Equatable, Sendable {
    public enum Address: Equatable, Sendable {
        case unix(path: String)
        case tcp(host: String, port: Int)
    }

    public var address: Address
    public var backlog: Int?
    /// uid, gid for a unix socket; a gid of `UInt32.max` leaves the group unchanged.
    public var owner: (UInt32, UInt32)?
    public var mode: UInt32?

    public init(address: Address, backlog: Int? = nil, owner: (UInt32, UInt32)? = nil, mode: UInt32? = nil) {
        self.address = address
        self.backlog = backlog
        self.owner = owner
        self.mode = mode
    }

    public static func == (a: Self, b: Self) -> Bool {
        a.address == b.address && a.backlog == b.backlog && a.mode == b.mode
            && a.owner?.0 == b.owner?.0 && a.owner?.1 == b.owner?.1
    }
}
