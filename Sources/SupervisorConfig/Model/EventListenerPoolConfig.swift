public struct EventListenerPoolConfig: Equatable, Sendable {
    /// The one result handler there is: `OK` accepts an event, `FAIL` rejects it.
    public static let defaultResultHandler = "supervisor.dispatchers:default_handler"

    /// Event type names as subscribed, upper-cased (`PROCESS_STATE`, `TICK_60`, ...).
    public var events: [String]
    public var bufferSize: Int = 10
    /// Only the reference's default accept/reject handler exists here.
    public var resultHandler: String = "supervisor.dispatchers:default_handler"

    public init(events: [String], bufferSize: Int = 10, resultHandler: String = "supervisor.dispatchers:default_handler") {
        self.events = events
        self.bufferSize = bufferSize
        self.resultHandler = resultHandler
    }
}
