/// The schemas of what the routes answer and read (processes, groups, the daemon, logs, errors).
extension OpenAPISchema {
    static let process = object("A process, as getProcessInfo describes it, with typed values and the extensions' figures.", [
        "name": field("string", "The program's process name.", ["examples": ["web"]]),
        "group": field("string", "Its group.", ["examples": ["web"]]),
        "namespec": field("string", "`group:name`, or `name` when the group has its name: what the routes' `{name}` takes.",
                          ["examples": ["web"]]),
        "state": field("string", "The state's name.", ["enum": processStates]),
        "statecode": field("integer", "The state's code, as getProcessInfo's `state`.", ["enum": [0, 10, 20, 30, 40, 100, 200, 1000]]),
        "description": field("string", "getProcessInfo's description (`pid 42, uptime 0:01:02`)."),
        "pid": field("integer", "The child's pid; 0 without one.", ["minimum": 0]),
        "start": field("integer", "When it was last started, in Unix seconds; 0 when never."),
        "stop": field("integer", "When it last stopped, in Unix seconds; 0 when never."),
        "now": field("integer", "The daemon's clock, in Unix seconds."),
        "uptime_seconds": field("integer", "Seconds since it started when RUNNING, else 0.", ["minimum": 0]),
        "exitstatus": field("integer", "The exit status of its last exit (0 before one)."),
        "spawnerr": field("string", "Why the last spawn failed; empty when it did not."),
        "stdout_logfile": field("string", "Path of its stdout log; empty without one."),
        "stderr_logfile": field("string", "Path of its stderr log; empty without one."),
        "restarts": field("integer", "Spawns after the first (automatic and requested restarts), as /metrics' supervisord_process_restarts_total.",
                          ["minimum": 0]),
        "cpu_seconds": [
            "type": ["number", "null"],
            "minimum": 0,
            "description": "User and system CPU seconds of its process tree, read when asked; null without a child.",
        ],
        "rss_bytes": [
            "type": ["integer", "null"],
            "minimum": 0,
            "description": "Resident memory of its process tree in bytes, read when asked; null without a child.",
        ],
        "health": [
            "oneOf": [["type": "null"], ref("Health")],
            "description": "null without health checks (`healthcheck=`, `watchdog_sec`) or while not RUNNING.",
        ],
        "depends_on": list(of: ref("Dependency"), "Its `depends_on` entries."),
    ])

    static let health = object([
        "status": field("string", "`starting` until the first check's result.", ["enum": healthStatuses]),
        "failures": field("integer", "Consecutive failed checks.", ["minimum": 0]),
        "reason": field("string", "Why the last check failed; empty when healthy."),
    ])

    static let dependency = object([
        "name": field("string", "The program it depends on."),
        "condition": field("string", "What that program must have done.", ["enum": ["running", "completed"]]),
    ])

    static let outcome = object("What an action on several processes did to one of them.", [
        "name": processName,
        "group": itsGroup,
        "status": field("integer", "The XML-RPC fault code, 80 (SUCCESS) when it succeeded: the `status` of startAllProcesses' entries."),
        "code": field("string", "The fault's name, `SUCCESS` when it succeeded.", ["examples": ["SUCCESS", "NOT_RUNNING"]]),
        "description": field("string", "`OK`, or the XML-RPC fault string (`NOT_RUNNING: web`)."),
    ])

    static let group = object([
        "name": field("string", "The group's name."),
        "priority": field("integer", "Its priority (lower starts first)."),
        "processes": list(of: ["type": "string"], "Its processes' namespecs."),
    ])

    static let daemon = object([
        "state": daemonState,
        "statecode": field("integer", "Its code, as getState's.", ["enum": [2, 1, 0, -1]]),
        "version": field("string", "The supervisor version it implements (getSupervisorVersion).", ["examples": ["4.3.0"]]),
        "api_version": field("string", "The XML-RPC API version (getAPIVersion).", ["examples": ["3.0"]]),
        "pid": field("integer", "Its pid.", ["minimum": 1]),
        "identification": field("string", "`identifier=` of [supervisord] (getIdentification)."),
    ])

    static let differences = object([
        "added": list(of: ["type": "string"], "Groups added."),
        "changed": list(of: ["type": "string"], "Groups whose configuration changed: stopped, removed and added again."),
        "removed": list(of: ["type": "string"], "Groups removed (after their processes stopped)."),
    ])

    static let logSlice = object([
        "data": field("string", "The bytes read, decoded as UTF-8 (each invalid sequence as U+FFFD)."),
        "offset": field("integer", "File offset of the first byte read.", ["minimum": 0]),
        "length": field("integer", "Bytes read (of the file, not characters of `data`).", ["minimum": 0]),
    ])

    static let signalRequest = object([
        "signal": [
            "oneOf": [
                ["type": "string", "examples": ["HUP", "SIGUSR1"]],
                ["type": "integer", "minimum": 1, "maximum": 64],
            ],
            "description": "A signal name (with or without SIG) or number.",
        ],
    ])

    static let stdinRequest = object([
        "data": field("string", "Text to write to the process's stdin (as UTF-8).", ["examples": ["hello\n"]]),
    ])

    static let error = object("Every answer that is not 2xx.", [
        "error": object([
            "code": field("string", "The XML-RPC fault name (BAD_NAME, NOT_RUNNING, ...); UNAUTHORIZED, METHOD_NOT_ALLOWED or TOO_LARGE for the errors XML-RPC answers in HTTP."),
            "fault": field(["integer", "null"], "The XML-RPC fault code; null for UNAUTHORIZED, METHOD_NOT_ALLOWED and TOO_LARGE."),
            "message": field("string", "What went wrong, on one line."),
        ]),
    ])
}
