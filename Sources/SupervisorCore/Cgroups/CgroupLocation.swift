import SupervisorConfig

/// Where the daemon's own cgroup v2 directory is: its path in /proc/self/cgroup (the
/// `0::/path` line) below the root of a cgroup2 mount listed in /proc/self/mountinfo.
/// Nothing assumes /sys/fs/cgroup: hybrid layouts mount cgroup2 elsewhere (e.g.
/// /sys/fs/cgroup/unified), containers mount a namespace's subtree.
enum CgroupLocation {
    /// The daemon's cgroup directory, from its /proc/self files.
    static func current() throws(CgroupUnavailable) -> String {
        try directory(procSelfCgroup: Paths.readText("/proc/self/cgroup") ?? "",
                      mountinfo: Paths.readText("/proc/self/mountinfo") ?? "")
    }

    static func directory(procSelfCgroup: String, mountinfo: String) throws(CgroupUnavailable) -> String {
        guard let own = unifiedPath(procSelfCgroup) else {
            throw CgroupUnavailable("the daemon is in no cgroup v2 hierarchy (no 0:: line in /proc/self/cgroup)")
        }
        // A cgroup outside the daemon's cgroup namespace shows as a path up from its root.
        guard own.hasPrefix("/"), !own.split(separator: "/").contains("..") else {
            throw CgroupUnavailable("the daemon's cgroup \(own) is outside its cgroup namespace")
        }
        let mounts = cgroup2Mounts(mountinfo)
        guard !mounts.isEmpty else { throw CgroupUnavailable("no cgroup2 file system is mounted") }
        for mount in mounts {
            if mount.root == "/" { return mount.mountPoint + (own == "/" ? "" : own) }
            if own == mount.root { return mount.mountPoint }
            if own.hasPrefix(mount.root + "/") { return mount.mountPoint + own.dropFirst(mount.root.count) }
        }
        throw CgroupUnavailable("the daemon's cgroup \(own) is not below a mounted cgroup2 file system")
    }

    /// The path on the `0::` line (cgroup v2's hierarchy has ID 0 and no controller list).
    static func unifiedPath(_ procSelfCgroup: String) -> String? {
        for line in procSelfCgroup.split(separator: "\n") where line.hasPrefix("0::") {
            return String(line.dropFirst(3))
        }
        return nil
    }

    /// The cgroup2 mounts, in mountinfo order: the subtree each shows (its root) and where.
    static func cgroup2Mounts(_ mountinfo: String) -> [(root: String, mountPoint: String)] {
        var mounts: [(root: String, mountPoint: String)] = []
        for line in mountinfo.split(separator: "\n") {
            // ID PARENT MAJOR:MINOR ROOT MOUNT-POINT OPTIONS [OPTIONAL...] - TYPE SOURCE SUPER-OPTIONS
            let fields = line.split(separator: " ")
            guard fields.count > 6, let dash = fields[6...].firstIndex(of: "-"), dash + 1 < fields.count,
                  fields[dash + 1] == "cgroup2" else { continue }
            mounts.append((unescape(fields[3]), unescape(fields[4])))
        }
        return mounts
    }

    /// Undoes mountinfo's octal escapes (`\040` for a space, `\011`, `\012`, `\134`).
    static func unescape(_ field: Substring) -> String {
        var bytes: [UInt8] = []
        let utf8 = Array(field.utf8)
        var index = 0
        while index < utf8.count {
            if utf8[index] == UInt8(ascii: "\\"), index + 3 < utf8.count,
               let value = UInt8(String(decoding: utf8[(index + 1)...(index + 3)], as: UTF8.self), radix: 8) {
                bytes.append(value)
                index += 4
            } else {
                bytes.append(utf8[index])
                index += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
