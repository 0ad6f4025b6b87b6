import Glibc
import SupervisorCommon
import SupervisorCore

/// The JSON API's objects (the schemas `Process`, `Outcome`, `Group` and `Daemon` of the
/// OpenAPI document): the figures getProcessInfo, /metrics and the web page show, in one
/// object with typed values.
enum ProcessJSON {
    /// One `Process`; `usage` is its tree's CPU and memory when it has a child.
    static func write(_ process: Subprocess, now: Double, usage: ProcessUsage?, into json: inout JSONWriter) {
        let start = ProcessInfoEncoding.capped(process.lastStart)
        let stop = ProcessInfoEncoding.capped(process.lastStop)
        let nowSeconds = ProcessInfoEncoding.capped(now)
        json.beginObject()
        json.member("name", process.name)
        json.member("group", process.group.name)
        json.member("namespec", ProcessLookup.namespec(process))
        json.member("state", process.state.name)
        json.member("statecode", process.state.rawValue)
        json.member("description", ProcessInfoEncoding.description(process, start: start, stop: stop, now: nowSeconds))
        json.member("pid", Int(process.pid))
        json.member("start", start)
        json.member("stop", stop)
        json.member("now", nowSeconds)
        json.member("uptime_seconds", process.state == .running ? max(0, nowSeconds - start) : 0)
        json.member("exitstatus", process.exitStatus ?? 0)
        json.member("spawnerr", process.spawnError ?? "")
        json.member("stdout_logfile", process.logs.path(.stdout) ?? "")
        json.member("stderr_logfile", process.logs.path(.stderr) ?? "")
        json.member("restarts", process.counters.restarts)
        json.key("cpu_seconds")
        if let usage { json.value(usage.cpuSeconds) } else { json.null() }
        json.key("rss_bytes")
        if let usage { json.value(usage.residentBytes) } else { json.null() }
        json.key("health")
        writeHealth(process, into: &json)
        json.key("depends_on")
        json.beginArray()
        for dependency in process.config.dependsOn {
            json.beginObject()
            json.member("name", dependency.program)
            json.member("condition", dependency.condition.rawValue)
            json.endObject()
        }
        json.endArray()
        json.endObject()
    }

    /// null without health checks or while not RUNNING; `starting` before the first result.
    private static func writeHealth(_ process: Subprocess, into json: inout JSONWriter) {
        guard process.config.hasHealthChecks, process.state == .running else { return json.null() }
        let (status, failures, reason) = switch process.health {
        case nil: ("starting", 0, "")
        case .healthy: ("healthy", 0, "")
        case .unhealthy(let failures, let reason): ("unhealthy", failures, reason)
        }
        json.beginObject()
        json.member("status", status)
        json.member("failures", failures)
        json.member("reason", reason)
        json.endObject()
    }

    /// One `Outcome`: the entry of an XML-RPC batch result (status 80 for success), with
    /// the fault's name.
    static func write(_ outcome: ProcessOutcome, into json: inout JSONWriter) {
        let fault = outcome.error.map { RPCFault(control: $0) }
        json.beginObject()
        json.member("name", outcome.process.name)
        json.member("group", outcome.process.group.name)
        json.member("status", (fault?.code ?? .success).rawValue)
        json.member("code", (fault?.code ?? .success).name)
        json.member("description", fault?.text ?? "OK")
        json.endObject()
    }

    static func write(_ group: ProcessGroup, into json: inout JSONWriter) {
        json.beginObject()
        json.member("name", group.name)
        json.member("priority", group.config.priority)
        json.member("processes", strings: group.processes.map(ProcessLookup.namespec))
        json.endObject()
    }

    static func writeDaemon(_ supervisor: Supervisor, into json: inout JSONWriter) {
        json.beginObject()
        json.member("state", supervisor.state.name)
        json.member("statecode", supervisor.state.rawValue)
        json.member("version", SupervisorVersion.package)
        json.member("api_version", SupervisorVersion.api)
        json.member("pid", Int(getpid()))
        json.member("identification", supervisor.config.daemon.identifier)
        json.endObject()
    }
}
