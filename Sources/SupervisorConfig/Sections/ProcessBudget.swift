/// Counts the processes a configuration asks for against what the system could ever run, as
/// each program section is read and before its processes are built, so an impossible
/// `numprocs` is an error at that key instead of hours spent building processes.
///
/// The rule counts what any process needs at the least, so that only configurations that could
/// never run are refused: every process is a process (against `SystemLimits.processes`), and
/// every process but a FastCGI one holds one descriptor in the daemon while it runs, the
/// daemon's end of its stdin pipe (against `SystemLimits.descriptors`). FastCGI processes share
/// their program's socket as stdin. Output pipes and log files need more, but not always: output
/// nobody reads goes to /dev/null.
struct ProcessBudget {
    let limits: SystemLimits
    private var processes = 0
    private var descriptors = 0

    init(_ limits: SystemLimits) {
        self.limits = limits
    }

    /// Adds the `numprocs` processes of `section`, or throws at its `numprocs` key when the
    /// total goes beyond a limit.
    mutating func claim(_ numprocs: Int, descriptorsEach: Int, in section: SectionReader) throws {
        let (processTotal, processOverflow) = processes.addingReportingOverflow(numprocs)
        let (descriptorNeed, needOverflow) = numprocs.multipliedReportingOverflow(by: descriptorsEach)
        let (descriptorTotal, descriptorOverflow) = descriptors.addingReportingOverflow(descriptorNeed)
        if processOverflow || processTotal > limits.processes {
            throw section.error("numprocs=\(numprocs) is more processes than this system can run (\(processTotal) in "
                                    + "all; \(limits.processesSource) allows \(limits.processes))", key: "numprocs")
        }
        if needOverflow || descriptorOverflow || descriptorTotal > limits.descriptors {
            throw section.error("numprocs=\(numprocs) needs more descriptors than this system allows (at least "
                                    + "\(descriptorTotal) in the daemon, one for each process's stdin; "
                                    + "\(limits.descriptorsSource) allows \(limits.descriptors))", key: "numprocs")
        }
        (processes, descriptors) = (processTotal, descriptorTotal)
    }
}
