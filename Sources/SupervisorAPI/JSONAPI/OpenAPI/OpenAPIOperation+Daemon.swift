/// The operations on groups, the configuration, the daemon and its events.
extension OpenAPIOperation {
    static let daemonOperations: [OpenAPIOperation] = [
        OpenAPIOperation(
            method: .get, path: "/api/v1/groups", id: "listGroups", tag: .groups, summary: "Every group",
            description: "Every process group in use, by priority.",
            success: .json("The groups.", OpenAPISchema.array(of: OpenAPISchema.ref("Group")))),
        group("start", id: "startGroup", summary: "Start a group's processes", "Starts the group's processes that are not running, by priority, as startProcessGroup."),
        group("stop", id: "stopGroup", summary: "Stop a group's processes", "Stops the group's running processes (dependents first), as stopProcessGroup."),
        group("restart", id: "restartGroup", summary: "Restart a group's processes", "Stops the group's running processes, then starts them all."),
        OpenAPIOperation(
            method: .post, path: "/api/v1/config/reload", id: "reloadConfig", tag: .daemon, summary: "Reread the configuration and apply it",
            description: "Reads the configuration file again and applies the differences as `supervisorctl update` does: the processes of removed and changed groups are stopped, removed groups removed, changed ones removed and added again, new ones added (their autostart processes started). Answers the differences once applied. 409 (CANT_REREAD) when the file cannot be read.",
            success: .json("The group names added, changed and removed.", OpenAPISchema.ref("Differences"))),
        OpenAPIOperation(
            method: .get, path: "/api/v1/daemon", id: "getDaemon", tag: .daemon, summary: "The daemon",
            description: "Its state, versions, pid and identification.",
            success: .json("The daemon.", OpenAPISchema.ref("Daemon"))),
        daemon("shutdown", id: "shutdownDaemon", summary: "Shut the daemon down", "Stops every process and exits, as supervisor.shutdown."),
        daemon(
            "restart", id: "restartDaemon", summary: "Restart the daemon",
            "Stops every process, reads the configuration again and starts over in place, as supervisor.restart."),
        OpenAPIOperation(
            method: .get, path: "/api/v1/events", id: "streamEvents", tag: .events, summary: "Live events (Server-Sent Events)",
            description: "A `text/event-stream` of messages `id: N` (a counter of this daemon run, increasing), `event: TYPE` and `data: JSON` (one line). Types, each with its data schema: `state` (EventState), `group` (EventGroup), `health` (EventHealth), `supervisor` (EventSupervisor); `log` (EventLog) only for the processes named in `logs`, not replayed; `resources` (EventResources) only with `resources=1`, every 2 s, not replayed; `lost` (EventLost) when `Last-Event-ID` is older than the replay buffer. The buffer holds the last 1,000 `state`, `group`, `health` and `supervisor` events: with `Last-Event-ID: N` the stream first sends every buffered event with an id above N (or `lost`, then the buffer), then live ones; without it, live ones only (after a `retry:` line).",
            parameters: [.logs, .resources, .lastEventId],
            success: .body(status: "200", OpenAPIResponse.body("The stream; it stays open.", ["type": "string"], mediaType: "text/event-stream"))),
        OpenAPIOperation(
            method: .get, path: "/api/v1/openapi.json", id: "getOpenAPIDocument", tag: .daemon, summary: "This document",
            description: "The OpenAPI document of this API (also docs/openapi.json).",
            success: .json("The document.", ["type": "object"])),
    ]

    /// `POST /api/v1/groups/{group}/<action>`: the action on the group's processes.
    private static func group(_ action: String, id: String, summary: String, _ description: String) -> OpenAPIOperation {
        OpenAPIOperation(
            method: .post, path: "/api/v1/groups/{group}/" + action, id: id, tag: .groups, summary: summary,
            description: description + " " + answersWhenEveryProcessGotThere, parameters: [.group, .wait], success: .outcomes)
    }

    /// `POST /api/v1/daemon/<action>`: answered at once, since the daemon goes away.
    private static func daemon(_ action: String, id: String, summary: String, _ description: String) -> OpenAPIOperation {
        OpenAPIOperation(
            method: .post, path: "/api/v1/daemon/" + action, id: id, tag: .daemon, summary: summary,
            description: description + " Answered at once (202), with the daemon's new state; the connection closes after the answer.",
            success: .body(status: "202", OpenAPIResponse.body("Accepted.", OpenAPISchema.ref("Daemon"))))
    }
}
