import Glibc

/// Every process of one /proc scan, indexed by parent, to sum process trees.
struct ProcessTable {
    /// What a tree adds up to.
    struct Tree {
        var ticks: Int
        var residentPages: Int

        init(_ root: ProcessStat) {
            ticks = root.ownTicks + root.waitedTicks
            residentPages = root.residentPages
        }

        mutating func add(_ member: ProcessStat) {
            ticks += member.ownTicks + member.waitedTicks
            residentPages += member.residentPages
        }
    }

    private var stats: [pid_t: ProcessStat] = [:]
    private var children: [pid_t: [pid_t]] = [:]

    mutating func add(_ stat: ProcessStat) {
        stats[stat.pid] = stat
        children[stat.parent, default: []].append(stat.pid)
    }

    /// The sums over `root` and its descendants; nil when `root` was not seen.
    func tree(of root: pid_t) -> Tree? {
        guard let first = stats[root] else { return nil }
        var tree = Tree(first)
        var pending = children[root] ?? []
        // A pid reused during the scan could make a loop of parents: no tree has more
        // members than the table.
        var visits = 0
        while let pid = pending.popLast(), visits < stats.count {
            visits += 1
            guard let member = stats[pid] else { continue }
            tree.add(member)
            pending += children[pid] ?? []
        }
        return tree
    }
}
