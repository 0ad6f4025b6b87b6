/// `[supervisord] cgroups=` (extension): whether each process runs in a cgroup of its own.
public enum CgroupMode: String, Equatable, Sendable, CaseIterable {
    /// Where the daemon can create cgroups (cgroup v2 delegated to it); otherwise, once
    /// logged why not, as without.
    case auto
    /// Required: a startup error where cgroups cannot be used.
    case on
    /// Never (the default: the reference's behaviour).
    case off
}
