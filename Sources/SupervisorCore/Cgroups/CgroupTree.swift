import Glibc
import SupervisorCommon

/// The daemon's cgroups (`cgroups=`): a directory `supervisord-<pid>` below the cgroup the
/// daemon started in, holding a cgroup per process. Made before the daemon forks into the
/// background (so that `cgroups=on` fails on the terminal), kept across restarts (SIGHUP),
/// removed when the daemon exits.
///
/// A limit needs its controller enabled in `cgroup.subtree_control` at every level above
/// the process's cgroup, and a cgroup other than the root cannot enable one while
/// processes live in it ("no internal processes"). Under systemd with `Delegate=yes` the
/// daemon is alone in its service's cgroup: the first time a limit needs a controller it
/// moves itself into a leaf, `<own>/daemon`, and enables the controller in its own cgroup
/// (both undone at exit). Without limits nothing about the daemon's own cgroup changes.
public final class CgroupTree {
    /// The cgroup the daemon started in.
    let ownPath: String
    /// `<own>/supervisord-<pid>`.
    public private(set) var path: String
    /// Controllers enabled in `path`'s cgroup.subtree_control.
    private var enabled: Set<String> = []
    /// Controllers this daemon enabled in its own cgroup's subtree_control.
    private var enabledInOwn: Set<String> = []
    /// Set once the daemon moved itself into `<own>/daemon`.
    private var movedDaemon = false

    /// The tree below the daemon's own cgroup, named after its pid.
    public static func create() throws(CgroupUnavailable) -> CgroupTree {
        try CgroupTree(below: CgroupLocation.current(), name: name(pid: getpid()))
    }

    private static func name(pid: pid_t) -> String {
        "supervisord-\(pid)"
    }

    /// Makes `<ownPath>/<name>` (an existing one is taken over) and checks the daemon can
    /// use it: start children in it, and kill them there with `cgroup.kill`.
    init(below ownPath: String, name: String) throws(CgroupUnavailable) {
        self.ownPath = ownPath
        path = ownPath + "/" + name
        // Children move from the daemon's cgroup into theirs: the common ancestor's
        // cgroup.procs must be writable (what delegating a cgroup to a user grants).
        guard access(ownPath + "/cgroup.procs", W_OK) == 0 else {
            throw CgroupUnavailable("cannot write \(ownPath)/cgroup.procs: \(String(cString: strerror(errno)))")
        }
        guard mkdir(path, 0o755) == 0 || errno == EEXIST else {
            throw CgroupUnavailable("cannot create \(path): \(String(cString: strerror(errno)))")
        }
        guard access(path + "/cgroup.kill", F_OK) == 0 else {
            rmdir(path)
            throw CgroupUnavailable("\(ownPath) is not a cgroup v2 directory with cgroup.kill (Linux 5.14 or later)")
        }
    }

    /// After forking into the background: named after the daemon's new pid. A cgroup
    /// cannot be renamed, so the (empty) directory is made anew; kept as it is if that fails.
    public func followDaemonPid() {
        let renamed = ownPath + "/" + Self.name(pid: getpid())
        guard renamed != path, mkdir(renamed, 0o755) == 0 else { return }
        rmdir(path)
        path = renamed
    }

    /// The directory of the process named `namespec`.
    func processPath(_ namespec: String) -> String {
        path + "/" + CgroupName.of(namespec)
    }

    // MARK: - Controllers

    /// Makes `controllers` available in the processes' cgroups where it can; returns why
    /// not for each of the others.
    func enable(_ controllers: Set<String>) -> [String: String] {
        var reasons: [String: String] = [:]
        for controller in controllers.subtracting(enabled).sorted() {
            if let reason = enableInOwn(controller) ?? enableHere(controller) {
                reasons[controller] = reason
            } else {
                enabled.insert(controller)
            }
        }
        return reasons
    }

    private func enableInOwn(_ controller: String) -> String? {
        guard CgroupFile.words(ownPath + "/cgroup.controllers").contains(controller) else {
            return "the \(controller) controller is not available in \(ownPath)"
        }
        if CgroupFile.words(ownPath + "/cgroup.subtree_control").contains(controller) { return nil }
        var err = CgroupFile.write("+" + controller, to: ownPath + "/cgroup.subtree_control")
        if err == EBUSY && !movedDaemon {
            if let reason = moveDaemonIntoLeaf() { return "cannot enable the \(controller) controller in \(ownPath): \(reason)" }
            err = CgroupFile.write("+" + controller, to: ownPath + "/cgroup.subtree_control")
        }
        guard err == 0 else {
            return "cannot enable the \(controller) controller in \(ownPath): \(String(cString: strerror(err)))"
        }
        enabledInOwn.insert(controller)
        return nil
    }

    private func enableHere(_ controller: String) -> String? {
        let err = CgroupFile.write("+" + controller, to: path + "/cgroup.subtree_control")
        return err == 0 ? nil : "cannot enable the \(controller) controller in \(path): \(String(cString: strerror(err)))"
    }

    /// Empties the daemon's own cgroup of processes so it can enable controllers: possible
    /// only when the daemon is the one process there.
    private func moveDaemonIntoLeaf() -> String? {
        let procs = CgroupFile.words(ownPath + "/cgroup.procs")
        guard procs == [String(getpid())] else { return "other processes than the daemon live there" }
        let leaf = ownPath + "/daemon"
        guard mkdir(leaf, 0o755) == 0 || errno == EEXIST else { return "cannot create \(leaf): \(String(cString: strerror(errno)))" }
        let err = CgroupFile.write(String(getpid()), to: leaf + "/cgroup.procs")
        guard err == 0 else { return "cannot move the daemon into \(leaf): \(String(cString: strerror(err)))" }
        movedDaemon = true
        return nil
    }

    // MARK: - Removal

    /// Removes the processes' cgroups (all empty once every process has stopped; those of
    /// runs that ended are gone already).
    private func removeProcessCgroups() {
        guard let directory = opendir(path) else { return }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            guard entry.pointee.d_type == UInt8(DT_DIR) else { continue }
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
            if name != "." && name != ".." { names.append(name) }
        }
        for name in names { rmdir(path + "/" + name) }
    }

    /// Removes the tree as the daemon exits, and undoes what enabling controllers changed
    /// in its own cgroup. Best effort: what cannot be undone stays.
    public func remove() {
        removeProcessCgroups()
        rmdir(path)
        guard movedDaemon else { return }
        for controller in enabledInOwn { _ = CgroupFile.write("-" + controller, to: ownPath + "/cgroup.subtree_control") }
        if CgroupFile.write(String(getpid()), to: ownPath + "/cgroup.procs") == 0 { rmdir(ownPath + "/daemon") }
    }
}
