import Glibc

/// What /metrics (through `ResourceReadings`) and `memory_limit` (`MemoryWatch`) read from /proc: process trees' CPU and memory, open
/// descriptors, the daemon's own figures. /metrics samples nothing in between its scrapes.
enum ProcessResources {
    /// The usage of each root's tree (roots that are gone are left out). With many roots,
    /// one pass over every process on the system (one read each) is cheaper than walking
    /// each tree (a stat, a task listing and a children list per member); with few roots
    /// on a busy system, the walk is.
    static func trees(of roots: [pid_t]) -> [pid_t: ProcessUsage] {
        guard !roots.isEmpty else { return [:] }
        return trees(of: roots, scanning: systemTasks().map { $0 <= roots.count * walkCostPerProcess } ?? true)
    }

    /// `trees(of:)` by one way or the other.
    static func trees(of roots: [pid_t], scanning: Bool) -> [pid_t: ProcessUsage] {
        let proc = open("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard proc >= 0 else { return [:] }
        defer { close(proc) }
        let members = scanning ? scan(proc) : ProcessTable()
        var usage: [pid_t: ProcessUsage] = [:]
        usage.reserveCapacity(roots.count)
        for root in roots {
            let tree = scanning ? members.tree(of: root) : walk(root, in: proc)
            guard let tree else { continue }
            usage[root] = ProcessUsage(cpuSeconds: Double(tree.ticks) / ProcessStat.ticksPerSecond,
                                       residentBytes: tree.residentPages * ProcFS.pageSize)
        }
        return usage
    }

    /// The calling process alone: the daemon, whose children are counted in their own trees.
    static func current() -> ProcessUsage? {
        let proc = open("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard proc >= 0 else { return nil }
        defer { close(proc) }
        guard let stat = ProcessStat.read(getpid(), in: proc) else { return nil }
        return ProcessUsage(cpuSeconds: Double(stat.ownTicks) / ProcessStat.ticksPerSecond,
                            residentBytes: stat.residentPages * ProcFS.pageSize)
    }

    /// Descriptors `pid` has open; nil when it is gone or not ours to look at. Linux 6.2 and
    /// later give the count as the size of /proc/PID/fd; older ones are counted entry by entry.
    static func openDescriptors(of pid: pid_t) -> Int? {
        var info = stat()
        let path = "/proc/\(pid)/fd"
        guard stat(path, &info) == 0 else { return nil }
        if info.st_size > 0 { return Int(info.st_size) }
        guard let directory = opendir(path) else { return nil }
        var count = 0
        while let entry = readdir(directory) {
            if entry.pointee.d_name.0 != CChar(UInt8(ascii: ".")) { count += 1 }
        }
        closedir(directory)
        // The listing's own descriptor, when the process counts itself.
        return pid == getpid() ? count - 1 : count
    }

    /// What walking one process costs, in reads of a whole-system scan.
    private static let walkCostPerProcess = 3

    /// Tasks (threads) on the system, from /proc/loadavg (`… running/total …`): at least
    /// the number of processes, which is what a scan reads.
    private static func systemTasks() -> Int? {
        guard let text = ProcFS.read("/proc/loadavg"),
              let field = text.split(separator: " ").dropFirst(3).first,
              let total = field.split(separator: "/").last else { return nil }
        return Int(total)
    }

    /// Every process on the system, by parent.
    private static func scan(_ proc: Int32) -> ProcessTable {
        var table = ProcessTable()
        let listing = openat(proc, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard listing >= 0, let directory = fdopendir(listing) else { return table }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            guard let pid = withUnsafeBytes(of: entry.pointee.d_name, Self.pid(named:)),
                  let stat = ProcessStat.read(pid, in: proc) else { continue }
            table.add(stat)
        }
        return table
    }

    /// The directory entry's name as a pid; nil for the entries that are not processes.
    private static func pid(named name: UnsafeRawBufferPointer) -> pid_t? {
        var pid: Int32 = 0
        for byte in name {
            if byte == 0 { break }
            guard (48...57).contains(byte), pid < Int32.max / 10 - 1 else { return nil }
            pid = pid * 10 + Int32(byte - 48)
        }
        return pid > 0 ? pid : nil
    }

    /// Walks `root`'s tree through each member's children lists.
    private static func walk(_ root: pid_t, in proc: Int32) -> ProcessTable.Tree? {
        guard let first = ProcessStat.read(root, in: proc) else { return nil }
        var tree = ProcessTable.Tree(first)
        var pending = ProcFS.children(of: root)
        var seen: Set<pid_t> = [root]
        while let pid = pending.popLast() {
            guard seen.insert(pid).inserted, let member = ProcessStat.read(pid, in: proc) else { continue }
            tree.add(member)
            pending += ProcFS.children(of: pid)
        }
        return tree
    }
}
