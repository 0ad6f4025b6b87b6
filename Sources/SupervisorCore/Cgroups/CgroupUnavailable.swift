/// Why the daemon cannot run its processes in cgroups of their own: `cgroups=auto` logs
/// it once, `cgroups=on` refuses to start with it.
public struct CgroupUnavailable: Error, CustomStringConvertible {
    public let reason: String

    public init(_ reason: String) {
        self.reason = reason
    }

    public var description: String { reason }
}
