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
