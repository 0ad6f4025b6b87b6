import Glibc
import NIOCore
import SupervisorCommon

/// A process's cgroup (`cgroups=`): `<tree>/<namespec>`, made before each spawn so that the
/// child starts in it, with the program's limits written to it, and removed once the run
/// has ended. Everything in it is killed together (`cgroup.kill`), and the process's exit
/// counts only once the cgroup is empty: what the run left behind (a daemonized
/// grandchild) is waited for, and killed after `stopwaitsecs`.
///
/// A fresh directory per run is also what keeps the next child alive: once a cgroup was
/// killed, Linux (6.18 at least) kills every child that clone3 puts into it with
/// CLONE_INTO_CGROUP (the kill count it compares is the parent's cgroup's).
final class ProcessCgroup {
    let path: String
    private unowned let process: Subprocess
    /// While the main pid was reaped and others are left: the watch on cgroup.events, the
    /// timer that kills what is left, and what to do once the cgroup is empty.
    private var hold: (watch: Int32, timer: TimerQueue.Entry?, whenEmpty: () -> Void)?
    /// Set once limits that cannot be applied were logged (once per process).
    private var reportedUnappliedLimits = false
    /// With `memory_max`: the watch on memory.events and the OOM kills counted so far.
    private var memoryEvents: (watch: Int32, oomKills: Int)?
    /// Set when the kernel's OOM killer killed in the cgroup during the current run.
    private(set) var oomReport: String?

    init(path: String, process: Subprocess) {
        self.path = path
        self.process = process
    }

    private var supervisor: Supervisor { process.supervisor }
    private var log: MainLog { process.supervisor.log }

    /// Before a spawn: the cgroup with the program's limits, as an open directory
    /// descriptor for the spawner; the caller closes it.
    func open() throws -> Int32 {
        guard mkdir(path, 0o755) == 0 || errno == EEXIST else {
            throw SpawnFailure(message: "couldn't create cgroup \(path): \(errnoName(errno))")
        }
        oomReport = nil
        applyLimits()
        let fd = Glibc.open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw SpawnFailure(message: "couldn't open cgroup \(path): \(errnoName(errno))") }
        return fd
    }

    /// SIGKILL to everything in the cgroup, including what escaped the process group.
    func killAll() {
        log.debug("killing everything in the cgroup of '\(process.name)'")
        let err = CgroupFile.write("1", to: path + "/cgroup.kill")
        if err != 0 && err != ENOENT {
            log.error("cannot kill the cgroup of '\(process.name)': \(String(cString: strerror(err)))")
        }
    }

    /// Whether the main pid was reaped and its exit waits for the rest of the cgroup.
    var holdsExit: Bool { hold != nil }

    /// The main pid was reaped: calls `exited` once the cgroup is empty (at once when it
    /// is); what is left after `stopwaitsecs` is killed. The cgroup is removed first.
    func whenEmpty(_ exited: @escaping () -> Void) {
        let watch: Int32
        do {
            // Watching first, then reading: an emptying between the two is not missed.
            watch = try supervisor.cgroupWatcher.watch(path + "/cgroup.events", on: supervisor.eventLoop, log: log) {
                [unowned self] in self.endHoldIfEmpty()
            }
        } catch {
            log.error("cannot wait for the rest of '\(process.name)' to end: \(error)")
            runEnded()
            exited()
            return
        }
        guard isPopulated else {
            supervisor.cgroupWatcher.forget(watch)
            runEnded()
            exited()
            return
        }
        // A process being stopped gets its SIGKILL (to the whole cgroup) from its stop timer.
        guard !process.isStopping else {
            log.info("waiting for what is left of '\(process.name)' in its cgroup")
            hold = (watch, nil, exited)
            return
        }
        let grace = process.config.stopwaitsecs
        log.info("waiting for what is left of '\(process.name)' in its cgroup (killed in \(grace) seconds)")
        let timer = supervisor.timers.schedule(after: .seconds(Int64(grace))) { [unowned self] in
            self.hold?.timer = nil
            self.log.warn("killing what is left of '\(self.process.name)' in its cgroup with SIGKILL")
            self.killAll()
        }
        hold = (watch, timer, exited)
    }

    private var isPopulated: Bool {
        CgroupFile.keyed(path + "/cgroup.events")["populated"] == 1
    }

    private func endHoldIfEmpty() {
        guard let hold, !isPopulated else { return }
        cancelHold()
        runEnded()
        hold.whenEmpty()
    }

    private func cancelHold() {
        guard let hold else { return }
        if let timer = hold.timer { supervisor.timers.cancel(timer) }
        supervisor.cgroupWatcher.forget(hold.watch)
        self.hold = nil
    }

    /// Nothing runs in the cgroup any more: a last look for OOM kills, then it goes.
    private func runEnded() {
        if memoryEvents != nil {
            memoryEventsChanged()
            supervisor.cgroupWatcher.forget(memoryEvents!.watch)
            memoryEvents = nil
        }
        rmdir(path)
    }

    /// The process was removed (its group, or the daemon's shutdown).
    func remove() {
        cancelHold()
        runEnded()
    }

    // MARK: - Limits

    /// Writes `memory_max`, `cpu_max` and `pids_max`, enabling their controllers first;
    /// what cannot be applied is logged once and the process runs without it.
    private func applyLimits() {
        let limits = CgroupLimit.all(process.config.limits)
        guard !limits.isEmpty, let tree = supervisor.cgroups else { return }
        let reasons = tree.enable(Set(limits.map(\.controller)))
        var unapplied: [String] = []
        for limit in limits {
            if let reason = reasons[limit.controller] {
                unapplied.append("\(limit.key) (\(reason))")
                continue
            }
            let err = CgroupFile.write(limit.value, to: path + "/" + limit.file)
            if err != 0 {
                unapplied.append("\(limit.key) (cannot write \(limit.file): \(String(cString: strerror(err))))")
            } else if limit.controller == "memory" {
                watchMemoryEvents()
            }
        }
        if !unapplied.isEmpty && !reportedUnappliedLimits {
            reportedUnappliedLimits = true
            log.warn("cgroups: '\(process.name)' runs without \(unapplied.joined(separator: ", "))")
        }
    }

    /// With `memory_max`: the OOM killer's kills in the cgroup (memory.events `oom_kill`).
    private func watchMemoryEvents() {
        guard memoryEvents == nil else { return }
        let file = path + "/memory.events"
        do {
            let watch = try supervisor.cgroupWatcher.watch(file, on: supervisor.eventLoop, log: log) { [unowned self] in
                self.memoryEventsChanged()
            }
            memoryEvents = (watch, CgroupFile.keyed(file)["oom_kill"] ?? 0)
        } catch {
            log.error("cannot watch \(file) of '\(process.name)': \(error)")
        }
    }

    private func memoryEventsChanged() {
        guard let memoryEvents else { return }
        let kills = CgroupFile.keyed(path + "/memory.events")["oom_kill"] ?? memoryEvents.oomKills
        guard kills > memoryEvents.oomKills else { return }
        self.memoryEvents = (memoryEvents.watch, kills)
        let count = kills - memoryEvents.oomKills
        let limit = process.config.limits.memoryMax.map { ", memory_max \($0) bytes" } ?? ""
        let report = "OOM killer killed \(count == 1 ? "a process" : "\(count) processes") in its cgroup\(limit)"
        log.warn("cgroups: '\(process.name)': \(report)")
        oomReport = report
        process.recordOOMKill(report)
    }
}
