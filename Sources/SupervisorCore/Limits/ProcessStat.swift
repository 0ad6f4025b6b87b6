import Glibc

/// The figures of one process that /metrics needs, from one read of /proc/PID/stat.
struct ProcessStat: Equatable {
    let pid: pid_t
    let parent: pid_t
    /// utime + stime: CPU time of all its threads, in clock ticks.
    let ownTicks: Int
    /// cutime + cstime: CPU time of the descendants it waited for, in clock ticks.
    let waitedTicks: Int
    let residentPages: Int

    static let ticksPerSecond = Double(sysconf(Int32(_SC_CLK_TCK)))

    /// Reads /proc/`pid`/stat (relative to `proc`, an open /proc); nil when the process is gone.
    static func read(_ pid: pid_t, in proc: Int32) -> ProcessStat? {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 1024) { buffer in
            let count = ProcPath.withPath(pid, "stat") { path -> Int in
                let fd = openat(proc, path, O_RDONLY | O_CLOEXEC)
                guard fd >= 0 else { return -1 }
                defer { close(fd) }
                return Glibc.read(fd, buffer.baseAddress, buffer.count)
            }
            guard count > 0 else { return nil }
            return parse(UnsafeBufferPointer(rebasing: buffer[..<count]), pid: pid)
        }
    }

    /// Parses a stat line: `pid (comm) state ppid … utime stime cutime cstime … rss …`.
    /// The command name may hold spaces and parentheses: the fields start after the last `)`.
    static func parse(_ line: UnsafeBufferPointer<UInt8>, pid: pid_t) -> ProcessStat? {
        guard let close = line.lastIndex(of: UInt8(ascii: ")")) else { return nil }
        // Fields after the name, numbered from 0 (the state); the ones wanted, in order.
        var values = (parent: 0, utime: 0, stime: 0, cutime: 0, cstime: 0, rss: 0)
        var field = -1
        var index = close + 1
        while index < line.count, field < rssField {
            while index < line.count, line[index] == UInt8(ascii: " ") { index += 1 }
            guard index < line.count else { break }
            field += 1
            var negative = false
            if line[index] == UInt8(ascii: "-") {
                negative = true
                index += 1
            }
            var number = 0
            while index < line.count, line[index] != UInt8(ascii: " ") {
                let digit = Int(line[index]) - 48
                if (0...9).contains(digit) { number = number &* 10 &+ digit }
                index += 1
            }
            if negative { number = -number }
            switch field {
            case 1: values.parent = number
            case 11: values.utime = number
            case 12: values.stime = number
            case 13: values.cutime = number
            case 14: values.cstime = number
            case rssField: values.rss = number
            default: break
            }
        }
        guard field == rssField else { return nil }
        return ProcessStat(pid: pid, parent: pid_t(truncatingIfNeeded: values.parent),
                           ownTicks: values.utime + values.stime, waitedTicks: values.cutime + values.cstime,
                           residentPages: values.rss)
    }

    /// The field of `rss` (stat's 24th), counted from the state as 0.
    private static let rssField = 21
}
