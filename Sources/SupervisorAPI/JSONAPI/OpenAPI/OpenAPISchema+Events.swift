/// The schemas of the `data:` of each event type on `/api/v1/events`.
extension OpenAPISchema {
    private static let pid = field("integer", "Its pid (0 without a child).")

    static let eventState = object("`event: state`: a process changed state.", [
        "name": processName,
        "group": itsGroup,
        "from": field("string", "The state it left.", ["enum": processStates]),
        "to": field("string", "The state it entered.", ["enum": processStates]),
        "pid": pid,
        "time": field("number", "When, in Unix seconds."),
    ])

    static let eventGroup = object("`event: group`: a group was added or removed.", [
        "group": field("string", "The group."),
        "change": field("string", "What happened to it.", ["enum": ["added", "removed"]]),
    ])

    static let eventHealth = object("`event: health`: a process's health changed.", [
        "name": processName,
        "group": itsGroup,
        "status": field("string", "Its health.", ["enum": healthStatuses]),
        "reason": field("string", "Why, when unhealthy."),
    ])

    static let eventSupervisor = object("`event: supervisor`: the daemon changed state.", [
        "state": daemonState,
    ])

    static let eventLog = object("`event: log`: output of a process named in `logs`.", [
        "name": processName,
        "group": itsGroup,
        "stream": field("string", "Which log.", ["enum": ["stdout", "stderr"]]),
        "data": field("string", "What it wrote, decoded as UTF-8 (each invalid sequence as U+FFFD)."),
    ])

    static let eventResources = object("`event: resources`: every 2 s with `resources=1`.", [
        "time": field("number", "When the sample was taken, in Unix seconds."),
        "processes": array(of: object([
            "name": processName,
            "group": itsGroup,
            "state": field("string", "Its state.", ["enum": processStates]),
            "pid": pid,
            "start": field("integer", "When it last started, in Unix seconds."),
            "restarts": field("integer", "Spawns after the first.", ["minimum": 0]),
            "cpu_percent": field(["number", "null"], "CPU use of its tree since the last sample, in % of one core."),
            "rss_bytes": field(["integer", "null"], "Resident memory of its tree."),
        ])),
    ])

    static let eventLost = object("`event: lost`: events between `from` and `oldest` are gone; the buffer follows.", [
        "from": field("integer", "The Last-Event-ID the client sent."),
        "oldest": field("integer", "The oldest id the buffer still holds."),
    ])
}
