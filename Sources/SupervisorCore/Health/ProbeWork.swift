/// The kind-specific part of a probe attempt (a connection, a command). It reports its
/// result through the closure it was made with, at most once.
protocol ProbeWork: AnyObject {
    func start()
    /// The attempt's time is up: end, failing with `reason` (a command once it has been
    /// killed and reaped).
    func timeUp(reason: String)
    /// Stops without reporting, releasing what it holds (a command is killed, and
    /// still reaped).
    func cancel()
}
