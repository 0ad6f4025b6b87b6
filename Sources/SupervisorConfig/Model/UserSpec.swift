/// A user resolved at parse time, as the reference does with `name_to_uid`.
public struct UserSpec: Equatable, Sendable {
    /// The name or number as written in the config.
    public var name: String
    public var uid: UInt32
    /// The primary group of the user (from the password database); nil when the uid has no entry.
    public var gid: UInt32?

    public init(name: String, uid: UInt32, gid: UInt32?) {
        self.name = name
        self.uid = uid
        self.gid = gid
    }
}
