/// Server-Sent Events framing, for the web page's `/events` and `/api/v1/events`.
enum ServerSentEvent {
    /// Sent first on every stream: EventSource reconnects 2 s after the daemon goes away
    /// (restart, reload).
    static let retry = "retry: 2000\n\n"

    /// One message; `data` is JSON, so it has no line breaks. With an `id`, a reconnecting
    /// client sends it back as `Last-Event-ID`.
    static func message(_ event: String, _ data: String, id: Int? = nil) -> String {
        (id.map { "id: \($0)\n" } ?? "") + "event: \(event)\ndata: \(data)\n\n"
    }
}
