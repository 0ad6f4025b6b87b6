import Glibc
import SupervisorCore
import XMLRPC

/// The `getProcessInfo` struct, with the reference's description strings.
enum ProcessInfo {
    static func describe(_ process: Subprocess, now: Double) -> XMLRPCValue {
        let start = capped(process.lastStart)
        let stop = capped(process.lastStop)
        let nowSeconds = capped(now)
        let stdoutPath = process.logs.path(.stdout) ?? ""
        return .struct([
            ("name", .string(process.name)),
            ("group", .string(process.group.name)),
            ("start", .int(start)),
            ("stop", .int(stop)),
            ("now", .int(nowSeconds)),
            ("state", .int(process.state.rawValue)),
            ("statename", .string(process.state.name)),
            ("spawnerr", .string(process.spawnError ?? "")),
            ("exitstatus", .int(process.exitStatus ?? 0)),
            ("logfile", .string(stdoutPath)),
            ("stdout_logfile", .string(stdoutPath)),
            ("stderr_logfile", .string(process.logs.path(.stderr) ?? "")),
            ("pid", .int(Int(process.pid))),
            ("description", .string(description(process, start: start, stop: stop, now: nowSeconds))),
        ])
    }

    static func description(_ process: Subprocess, start: Int, stop: Int, now: Int) -> String {
        switch process.state {
        case .running:
            return "pid \(process.pid), uptime \(uptime(max(0, now - start)))"
        case .fatal, .backoff:
            if let error = process.spawnError, !error.isEmpty { return error }
            return "unknown error (try \"tail \(process.name)\")"
        case .stopped, .exited:
            return start != 0 ? stoppedAt(stop) : "Not started"
        default:
            return ""
        }
    }

    /// Python's `str(timedelta)`: `0:01:02`, `1 day, 2:03:04`, `3 days, 0:00:01`.
    static func uptime(_ seconds: Int) -> String {
        let days = seconds / 86400
        let rest = seconds % 86400
        let clock = "\(rest / 3600):\(twoDigits((rest % 3600) / 60)):\(twoDigits(rest % 60))"
        if days == 0 { return clock }
        return "\(days) day\(days == 1 ? "" : "s"), \(clock)"
    }

    /// Local time as `Nov 21 10:05 AM`.
    static func stoppedAt(_ seconds: Int) -> String {
        var time = time_t(seconds)
        var parts = tm()
        localtime_r(&time, &parts)
        var buffer = [CChar](repeating: 0, count: 64)
        let count = strftime(&buffer, buffer.count, "%b %d %I:%M %p", &parts)
        return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// XML-RPC ints are 32-bit; the reference caps times to that range.
    static func capped(_ value: Double) -> Int {
        let number = Int(value)
        return min(max(number, Int(Int32.min)), Int(Int32.max))
    }

    private static func twoDigits(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
