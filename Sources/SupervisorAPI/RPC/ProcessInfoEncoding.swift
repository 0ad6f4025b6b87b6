import Glibc
import SupervisorCommon
import SupervisorCore
import XMLRPC

/// The `getProcessInfo` struct, with the reference's description strings.
enum ProcessInfoEncoding {
    static func describe(_ process: Subprocess, now: Double) -> XMLRPCValue {
        var members = ValueMembers()
        fields(of: process, now: now, into: &members)
        return .struct(members.members)
    }

    /// getAllProcessInfo: every process's struct written straight into the response.
    static func describeAll(_ processes: [Subprocess], now: Double) -> EncodedValue {
        // About 1.3 KiB per process.
        EncodedValue(sizeHint: 512 + 1536 * processes.count, write: { body in
            body.writeArrayStart()
            for process in processes {
                body.writeStructStart()
                fields(of: process, now: now, into: &body)
                body.writeStructEnd()
            }
            body.writeArrayEnd()
        }, value: {
            .array(processes.map { describe($0, now: now) })
        })
    }

    /// The members in the reference's order, the one place that lists them.
    private static func fields<Members: ProcessInfoMembers>(of process: Subprocess, now: Double, into out: inout Members) {
        let start = capped(process.lastStart)
        let stop = capped(process.lastStop)
        let nowSeconds = capped(now)
        let stdoutPath = process.logs.path(.stdout) ?? ""
        out.member("name", process.name)
        out.member("group", process.group.name)
        out.member("start", start)
        out.member("stop", stop)
        out.member("now", nowSeconds)
        out.member("state", process.state.rawValue)
        out.member("statename", process.state.name)
        out.member("spawnerr", process.spawnError ?? "")
        out.member("exitstatus", process.exitStatus ?? 0)
        out.member("logfile", stdoutPath)
        out.member("stdout_logfile", stdoutPath)
        out.member("stderr_logfile", process.logs.path(.stderr) ?? "")
        out.member("pid", Int(process.pid))
        out.member("description", description(process, start: start, stop: stop, now: nowSeconds))
    }

    static func description(_ process: Subprocess, start: Int, stop: Int, now: Int) -> String {
        switch process.state {
        case .running:
            return "pid \(process.pid), uptime \(Uptime.text(max(0, now - start)))" + runningDetail(process)
        case .starting:
            if !process.waitingFor.isEmpty { return "waiting for " + process.waitingFor.joined(separator: ", ") }
            return process.notifyStatus ?? ""
        case .fatal, .backoff:
            if let error = process.spawnError, !error.isEmpty { return error }
            return "unknown error (try \"tail \(process.name)\")"
        case .stopped, .exited:
            return start != 0 ? stoppedAt(stop) : "Not started"
        default:
            return ""
        }
    }

    /// What extensions add after a RUNNING process's uptime: the sd_notify `STATUS=` text
    /// and the health, each after a comma; empty without them (the reference's text).
    static func runningDetail(_ process: Subprocess) -> String {
        var detail = ""
        if let status = process.notifyStatus { detail += ", " + status }
        if let health = process.health { detail += ", " + health.text }
        return detail
    }

    /// Local time as `Nov 21 10:05 AM`.
    static func stoppedAt(_ seconds: Int) -> String {
        LocalTime.format(seconds, "%b %d %I:%M %p")
    }

    /// XML-RPC ints are 32-bit; the reference caps times to that range.
    static func capped(_ value: Double) -> Int {
        let number = Int(value)
        return min(max(number, Int(Int32.min)), Int(Int32.max))
    }
}

/// Where the members of a process info struct go: values, or the response itself.
private protocol ProcessInfoMembers {
    mutating func member(_ name: StaticString, _ value: Int)
    mutating func member(_ name: StaticString, _ value: String)
}

private struct ValueMembers: ProcessInfoMembers {
    var members: [(String, XMLRPCValue)] = []

    mutating func member(_ name: StaticString, _ value: Int) {
        members.append((name.description, .int(value)))
    }

    mutating func member(_ name: StaticString, _ value: String) {
        members.append((name.description, .string(value)))
    }
}

extension ResponseBody: ProcessInfoMembers {
    mutating func member(_ name: StaticString, _ value: Int) { writeMember(name, value) }
    mutating func member(_ name: StaticString, _ value: String) { writeMember(name, value) }
}
