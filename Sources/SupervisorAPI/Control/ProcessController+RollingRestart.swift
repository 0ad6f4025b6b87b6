import NIOCore
import SupervisorCore

extension ProcessController {
    /// Restarts a group's processes `batchSize` at a time, in configuration order: each
    /// process of a batch is stopped (when it runs) and started again, and the next batch
    /// begins once every process of this one is RUNNING (ready, with `ready=`). A process
    /// that was not running is started in its turn. The batch in which a process does not
    /// come back is the last: the outcomes are those of the batches done, that one's
    /// included (its failures with their errors); the processes after it are not touched.
    func rollingRestart(_ group: ProcessGroup, batchSize: Int) throws(ControlError) -> EventLoopFuture<[ProcessOutcome]> {
        try ensureRunning()
        guard batchSize >= 1 else { throw .badArguments }
        let processes = group.processes
        let log = supervisor.log
        let loop = supervisor.eventLoop.assumeIsolated()
        let count = processes.count == 1 ? "1 process" : "\(processes.count) processes"
        log.info("rolling restart of '\(group.name)': \(count), \(batchSize) at a time")
        let all = supervisor.eventLoop.makePromise(of: [ProcessOutcome].self)
        func restartBatch(from first: Int, after earlier: [ProcessOutcome]) {
            guard first < processes.count else {
                log.info("rolling restart of '\(group.name)' done")
                return all.assumeIsolated().succeed(earlier)
            }
            let waited = WaitedOutcomes()
            for process in processes[first..<min(first + batchSize, processes.count)] {
                let index = waited.expectOne()
                restart(ProcessLookup.namespec(process)).assumeIsolated().whenComplete { result in
                    waited.record(ProcessOutcome(process: process, result: result), at: index)
                }
            }
            waited.whenComplete { outcomes in
                let done = earlier + outcomes
                guard let failed = outcomes.first(where: { $0.error != nil }) else {
                    // On the loop's next turn: batches that finish at once must not nest.
                    return loop.execute { restartBatch(from: first + batchSize, after: done) }
                }
                let untouched = processes[(first + outcomes.count)...].map(\.name)
                log.warn("rolling restart of '\(group.name)' stopped at \(failed.process.name)"
                         + (untouched.isEmpty ? "" : "; not restarted: \(untouched.joined(separator: ", "))"))
                all.assumeIsolated().succeed(done)
            }
        }
        restartBatch(from: 0, after: [])
        return all.futureResult
    }
}
