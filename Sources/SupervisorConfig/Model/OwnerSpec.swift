public struct OwnerSpec: Equatable, Sendable {
    public var uid: UInt32
    /// `UInt32.max` when only a user was given: `chown(2)` then leaves the group as it is.
    public var gid: UInt32

    public init(uid: UInt32, gid: UInt32) {
        self.uid = uid
        self.gid = gid
    }
}
