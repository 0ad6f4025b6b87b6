/// The operations on processes and their logs.
extension OpenAPIOperation {
    /// Every operation, in the document's order.
    static let all = processOperations + daemonOperations

    /// How an action on several processes answers (every process, a group).
    static let answersWhenEveryProcessGotThere =
        "With `wait=true` (the default) the answer comes when every process got there (200); with `wait=false` at once (202)."

    private static let processOperations: [OpenAPIOperation] = [
        OpenAPIOperation(
            method: .get, path: "/api/v1/processes", id: "listProcesses", tag: .processes, summary: "Every process",
            description: "Every process, by group then by name (getAllProcessInfo's order). `cpu_seconds` and `rss_bytes` are read from /proc when asked.",
            success: .json("The processes.", OpenAPISchema.array(of: OpenAPISchema.ref("Process")))),
        everyProcess(
            "start", id: "startAllProcesses", summary: "Start every process",
            "Starts every process that is not running (groups by priority, then processes by priority), as startAllProcesses."),
        everyProcess(
            "stop", id: "stopAllProcesses", summary: "Stop every process",
            "Stops every running process (dependents before what they depend on), as stopAllProcesses."),
        everyProcess(
            "restart", id: "restartAllProcesses", summary: "Restart every process",
            "Stops every running process, then starts every process, as `supervisorctl restart all`."),
        OpenAPIOperation(
            method: .get, path: "/api/v1/processes/{name}", id: "getProcess", tag: .processes, summary: "One process",
            description: "The process named by `name`.", parameters: [.name],
            success: .json("The process.", OpenAPISchema.ref("Process"))),
        oneProcess(
            "start", id: "startProcess", summary: "Start a process", parameters: [.name, .wait],
            "Starts the process and, with `wait=true` (the default), answers once it is RUNNING (200); with `wait=false` at once (202). 409 when it is already started, could not be spawned (SPAWN_ERROR) or exited before RUNNING (ABNORMAL_TERMINATION); 404 (NO_FILE) when its command is not there."),
        oneProcess(
            "stop", id: "stopProcess", summary: "Stop a process", parameters: [.name, .wait],
            "Stops the process and, with `wait=true` (the default), answers once it is stopped (200); with `wait=false` at once (202). 409 when it is not running."),
        oneProcess(
            "restart", id: "restartProcess", summary: "Restart a process", parameters: [.name, .wait],
            "Stops the process if it runs, then starts it; with `wait=true` (the default) answers once it is RUNNING (200), with `wait=false` at once (202)."),
        oneProcess(
            "clear", id: "clearProcessLogs", summary: "Clear a process's logs",
            "Empties its stdout and stderr logs (and their backups), as clearProcessLogs."),
        oneProcess(
            "signal", id: "signalProcess", summary: "Send a signal to a process", requestSchema: "SignalRequest",
            "Sends the signal (a name such as `HUP` or `SIGHUP`, or a number) to the process, as signalProcess. 400 (BAD_SIGNAL) for something that is not a signal, 409 when the process is not running."),
        oneProcess(
            "stdin", id: "sendProcessStdin", summary: "Write to a process's stdin", requestSchema: "StdinRequest",
            "Queues `data` (as UTF-8) for the process's stdin, as sendProcessStdin. 409 when it is not running; 404 (NO_FILE) when its stdin is closed."),
        readLog("stdout", id: "readStdoutLog", xmlrpcMethod: "readProcessStdoutLog"),
        readLog("stderr", id: "readStderrLog", xmlrpcMethod: "readProcessStderrLog"),
    ]

    /// `POST /api/v1/processes/<action>`: the action on every process.
    private static func everyProcess(_ action: String, id: String, summary: String, _ description: String) -> OpenAPIOperation {
        OpenAPIOperation(
            method: .post, path: "/api/v1/processes/" + action, id: id, tag: .processes, summary: summary,
            description: description + " " + answersWhenEveryProcessGotThere
                + " Each process has its outcome; a process that failed does not fail the request.",
            parameters: [.wait], success: .outcomes)
    }

    /// `POST /api/v1/processes/{name}/<action>`, answering the process as it is after.
    private static func oneProcess(_ action: String, id: String, summary: String, parameters: [OpenAPIParameter] = [.name],
                                   requestSchema: String? = nil, _ description: String) -> OpenAPIOperation {
        OpenAPIOperation(
            method: .post, path: "/api/v1/processes/{name}/" + action, id: id, tag: .processes, summary: summary,
            description: description, parameters: parameters, requestSchema: requestSchema, success: .process)
    }

    /// `GET /api/v1/processes/{name}/log/<stream>`.
    private static func readLog(_ stream: String, id: String, xmlrpcMethod: String) -> OpenAPIOperation {
        OpenAPIOperation(
            method: .get, path: "/api/v1/processes/{name}/log/" + stream, id: id, tag: .logs,
            summary: "Read a process's \(stream) log",
            description: "Reads its \(stream) log as \(xmlrpcMethod) does: from `offset` (a negative offset reads that many bytes from the end, and then `length` must be 0), `length` bytes (0: to the end). `offset` and `length` in the answer count the file's bytes, so the next read starts at `offset + length`. The bytes are decoded as UTF-8, each invalid sequence becoming U+FFFD; a multi-byte character cut by the end of the range is left for the next read.",
            parameters: [.name, .offset, .length], success: .json("The bytes read.", OpenAPISchema.ref("LogSlice")))
    }
}
