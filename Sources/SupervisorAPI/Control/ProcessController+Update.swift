import NIOCore
import SupervisorCore

extension ProcessController {
    /// Reads the configuration again and applies the differences as `supervisorctl update`
    /// does: the processes of removed and changed groups are stopped (dependents first),
    /// then removed groups are removed, changed ones removed and added again, new ones
    /// added (and their autostart processes started). Arrives with the differences once
    /// applied; a group that could not be removed or added is logged and left as it is.
    func update() throws(ControlError) -> EventLoopFuture<(added: [String], changed: [String], removed: [String])> {
        let difference = try rereadConfig()
        let leaving = (difference.removed + difference.changed).compactMap { supervisor.groups[$0] }
        let loop = supervisor.eventLoop
        let applied = loop.makePromise(of: (added: [String], changed: [String], removed: [String]).self)
        stopAll(leaving.flatMap(\.processesByPriority), wait: true).outcomes(on: loop).assumeIsolated().whenSuccess { _ in
            // On the loop's next turn: the stops arrive at their state change, and the exit
            // that completed them must finish before its process is removed.
            loop.assumeIsolated().execute {
                for name in difference.removed + difference.changed { apply("remove", name, removeGroup) }
                for name in difference.changed + difference.added { apply("add", name, addGroup) }
                applied.succeed(difference)
            }
        }
        return applied.futureResult
    }

    private func apply(_ what: String, _ name: String, _ change: (String) throws(ControlError) -> Void) {
        do throws(ControlError) {
            try change(name)
        } catch {
            supervisor.log.warn("update: cannot \(what) group '\(name)': \(error)")
        }
    }
}
