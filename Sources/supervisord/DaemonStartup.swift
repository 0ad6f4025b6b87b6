import CSupervisor
import Glibc
import SupervisorConfig
import SupervisorCore

/// The steps between reading the config and running the loop, as the reference orders them.
enum DaemonStartup {
    /// Switches to `[supervisord] user`. Returns messages to log once the log is open.
    static func dropPrivileges(_ config: DaemonConfig) -> (critical: [String], info: [String]) {
        guard let name = config.user else {
            if getuid() == 0 {
                return (["Supervisor is running as root.  Privileges were not dropped because no user is specified in the config file.  If you intend to run as root, you can set user=root in the config file to avoid this message."], [])
            }
            return ([], [])
        }
        let spec: UserSpec
        do {
            spec = try ValueParsers.user(name)
        } catch {
            SupervisordCommand.fail(error.message)
        }
        if getuid() == spec.uid { return ([], ["Set uid to user \(spec.uid) succeeded"]) }
        guard getuid() == 0 else { SupervisordCommand.fail("Can't drop privilege as nonroot user") }
        let gid = spec.gid ?? 0
        let userName = getpwuid(spec.uid).map { String(cString: $0.pointee.pw_name) } ?? name
        guard initgroups(userName, gid) == 0 else { SupervisordCommand.fail("Could not set groups of effective user") }
        guard setgid(gid) == 0 else { SupervisordCommand.fail("Could not set group id of effective user") }
        guard setuid(spec.uid) == 0 else { SupervisordCommand.fail("Could not set user id of effective user") }
        return ([], ["Set uid to user \(spec.uid) succeeded"])
    }

    /// Raises RLIMIT_NOFILE / RLIMIT_NPROC to minfds / minprocs, or exits with the reference's message.
    static func raiseLimits(_ config: DaemonConfig) -> [String] {
        var infos: [String] = []
        let limits: [(Int32, Int, String, String)] = [
            (Int32(RLIMIT_NOFILE.rawValue), config.minfds, "RLIMIT_NOFILE",
             "The minimum number of file descriptors required to run this process is %MIN% as per the \"minfds\" command-line argument or config file setting. The current environment will only allow you to open %HARD% file descriptors.  Either raise the number of usable file descriptors in your environment (see README.rst) or lower the minfds setting in the config file to allow the process to start."),
            (Int32(__RLIMIT_NPROC.rawValue), config.minprocs, "RLIMIT_NPROC",
             "The minimum number of available processes required to run this program is %MIN% as per the \"minprocs\" command-line argument or config file setting. The current environment will only allow you to open %HARD% processes.  Either raise the number of usable processes in your environment (see README.rst) or lower the minprocs setting in the config file to allow the program to start."),
        ]
        for (resource, minimum, name, message) in limits {
            var current = rlimit()
            guard getrlimit(__rlimit_resource_t(UInt32(resource)), &current) == 0 else { continue }
            let unlimited = rlim_t(bitPattern: -1)
            guard current.rlim_cur != unlimited, current.rlim_cur < rlim_t(minimum) else { continue }
            var wanted = current
            wanted.rlim_cur = rlim_t(minimum)
            if current.rlim_max != unlimited && current.rlim_max < rlim_t(minimum) { wanted.rlim_max = rlim_t(minimum) }
            if setrlimit(__rlimit_resource_t(UInt32(resource)), &wanted) == 0 {
                infos.append("Increased \(name) limit to \(minimum)")
            } else {
                SupervisordCommand.fail(message.replacing("%MIN%", with: "\(minimum)")
                    .replacing("%HARD%", with: "\(current.rlim_max)"))
            }
        }
        return infos
    }

    /// Forks into the background: the parent exits, the child leads a new session with
    /// stdio on /dev/null, in `directory`, with the daemon umask.
    static func daemonize(_ config: DaemonConfig, log: MainLog) {
        guard sv_daemonize() == 0 else { SupervisordCommand.fail("cannot daemonize: \(String(cString: strerror(errno)))") }
        log.info("daemonizing the supervisord process")
        if let directory = config.directory {
            if chdir(directory) == 0 {
                log.info("set current directory: '\(directory)'")
            } else {
                log.critical("can't chdir into '\(directory)': \(String(cString: strerror(errno)))")
            }
        }
        let null = open("/dev/null", O_RDWR)
        if null >= 0 {
            for fd: Int32 in 0...2 { dup2(null, fd) }
            if null > 2 { close(null) }
        }
        _ = Glibc.umask(mode_t(config.umask))
    }

    /// `cgroups=`: the tree of the processes' cgroups, or nil: with `off`, and with `auto`
    /// where cgroups cannot be used (logged once); with `on` that is a startup error.
    static func cgroups(_ mode: CgroupMode, log: MainLog) -> CgroupTree? {
        guard mode != .off else { return nil }
        do {
            return try CgroupTree.create()
        } catch {
            if mode == .on { SupervisordCommand.fail("cgroups=on but \(error.reason)") }
            log.info("cgroups: not used (\(error.reason))")
            return nil
        }
    }

    static func writePidfile(_ path: String, log: MainLog) -> Bool {
        let pid = getpid()
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            log.critical("could not write pidfile \(path)")
            return false
        }
        var text = "\(pid)\n"
        text.withUTF8 { _ = write(fd, $0.baseAddress, $0.count) }
        close(fd)
        log.info("supervisord started with pid \(pid)")
        return true
    }
}
