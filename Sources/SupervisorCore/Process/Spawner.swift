import CSupervisor
import Glibc
import SupervisorCommon
import SupervisorConfig

/// Turns a process config into a running child: resolves the command, makes the pipes,
/// builds the environment and calls the C spawn helper.
enum Spawner {
    /// A failure before any child exists; `message` becomes the process's spawnerr.
    struct Failure: Error {
        enum Kind { case notFound, notExecutable, other }
        let message: String
        var kind: Kind = .other
    }

    struct Launch {
        let pid: pid_t
        /// Parent ends of the pipes; -1 when absent.
        let stdinFD: Int32
        let stdoutFD: Int32
        let stderrFD: Int32
        /// Set when the child failed between clone and exec (it exits 127 by itself).
        let childFailure: String?
    }

    /// `stdinSocket`: for FastCGI programs, the listening socket that becomes the child's stdin.
    static func launch(_ process: Subprocess, stdinSocket: Int32? = nil) throws -> Launch {
        let config = process.config
        let environment = makeEnvironment(process)
        let (path, argv) = try resolveCommand(config.command, environment: environment)
        let user = try switchUser(config.user)
        var pipes = try PipeSet(name: config.name, stdin: stdinSocket == nil,
                                stdout: discards(config.stdout, of: process, stream: .stdout) ? .null : .pipe,
                                stderr: config.redirectStderr ? nil
                                    : discards(config.stderr, of: process, stream: .stderr) ? .null : .pipe)

        var request = sv_spawn_request()
        request.umask = config.umask.map { Int32($0) } ?? -1
        request.stdin_fd = stdinSocket ?? pipes.childStdin
        request.stdout_fd = pipes.childStdout
        request.stderr_fd = pipes.childStderr >= 0 ? pipes.childStderr : pipes.childStdout
        var failedStage: Int32 = 0
        var childErrno: Int32 = 0
        let pid: pid_t = withCStrings(argv) { argvPointers in
            withCStrings(environment.map { "\($0.name)=\($0.value)" }) { envPointers in
                withOptionalCString(config.directory) { directory in
                    withOptionalCString(user?.failureMessage) { failure in
                        (user?.groups ?? []).withUnsafeBufferPointer { groups in
                            request.argv = argvPointers
                            request.envp = envPointers
                            request.directory = directory
                            request.fail_message = failure
                            if let user, user.failureMessage == nil {
                                request.set_user = 1
                                request.uid = user.uid
                                request.gid = user.gid
                                request.groups = groups.baseAddress
                                request.ngroups = Int32(groups.count)
                            }
                            return path.withCString { cPath in
                                request.path = cPath
                                return sv_spawn(&request, &failedStage, &childErrno)
                            }
                        }
                    }
                }
            }
        }
        pipes.closeChildEnds()
        if pid < 0 {
            let err = errno
            pipes.closeParentEnds()
            if err == EAGAIN { throw Failure(message: "Too many processes in process table to spawn '\(config.name)'") }
            throw Failure(message: "unknown error during fork for '\(config.name)': \(errnoName(err))")
        }
        let childFailure: String? = failedStage == SV_STAGE_NONE ? nil
            : "\(stageName(failedStage)): \(errnoName(childErrno))"
        return Launch(pid: pid, stdinFD: pipes.stdin, stdoutFD: pipes.stdout, stderrFD: pipes.stderr,
                      childFailure: childFailure)
    }

    /// True when nothing would use what the child writes on `stream`: no log file, no
    /// capture, no events, no syslog, not a listener's protocol, no debug echo in the main
    /// log. The child then writes to /dev/null; the reference reads such output from a
    /// pipe only to drop it, which costs a descriptor and a wake-up per write.
    private static func discards(_ channel: ChannelLogConfig, of process: Subprocess, stream: OutputChannel) -> Bool {
        channel.logfile == .none && channel.captureMaxBytes == 0 && !channel.eventsEnabled && !channel.syslog
            && !(stream == .stdout && process.listener != nil) && !process.supervisor.log.isEnabled(.debug)
    }

    private static func stageName(_ stage: Int32) -> String {
        switch stage {
        case Int32(SV_STAGE_SETUID): "setuid"
        case Int32(SV_STAGE_CHDIR): "chdir"
        default: "exec"
        }
    }

    // MARK: - Command

    /// Splits the command and finds the executable, with the reference's messages.
    static func resolveCommand(_ command: String, environment: [EnvironmentVariable]) throws -> (String, [String]) {
        let words: [String]
        do {
            words = try ShellWords.split(command)
        } catch {
            throw Failure(message: "can't parse command \(pythonRepr(command)): \(error)", kind: .notExecutable)
        }
        guard let program = words.first else { throw Failure(message: "command is empty", kind: .notExecutable) }
        var found: (String, stat)?
        if program.contains("/") {
            var info = stat()
            if stat(program, &info) == 0 { found = (program, info) }
        } else {
            for directory in searchPath(environment) {
                let candidate = directory.hasSuffix("/") ? directory + program : directory + "/" + program
                var info = stat()
                if stat(candidate, &info) == 0 {
                    found = (candidate, info)
                    break
                }
            }
        }
        guard let (filename, info) = found else {
            throw Failure(message: "can't find command \(pythonRepr(program))", kind: .notFound)
        }
        if info.st_mode & S_IFMT == S_IFDIR {
            throw Failure(message: "command at \(pythonRepr(filename)) is a directory", kind: .notExecutable)
        }
        if info.st_mode & 0o111 == 0 {
            throw Failure(message: "command at \(pythonRepr(filename)) is not executable", kind: .notExecutable)
        }
        if access(filename, X_OK) != 0 {
            throw Failure(message: "no permission to run command \(pythonRepr(filename))", kind: .notExecutable)
        }
        return (filename, words)
    }

    /// The program's PATH, else the daemon's, else the reference's default.
    private static func searchPath(_ environment: [EnvironmentVariable]) -> [String] {
        if let path = environment.last(where: { $0.name == "PATH" })?.value {
            return path.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        }
        return ["/bin", "/usr/bin", "/usr/local/bin"]
    }

    // MARK: - Environment

    /// The daemon's environment, then the SUPERVISOR_* variables, then the config's.
    static func makeEnvironment(_ process: Subprocess) -> [EnvironmentVariable] {
        var merged = OrderedEnvironment(process.supervisor.daemonEnvironment)
        merged.set("SUPERVISOR_ENABLED", "1")
        if let url = process.config.serverurl ?? process.supervisor.serverURL {
            merged.set("SUPERVISOR_SERVER_URL", url)
        }
        merged.set("SUPERVISOR_PROCESS_NAME", process.config.name)
        merged.set("SUPERVISOR_GROUP_NAME", process.group.name)
        for variable in process.config.environment { merged.set(variable.name, variable.value) }
        return merged.variables
    }

    // MARK: - User

    struct UserSwitch {
        var uid: uid_t
        var gid: gid_t
        var groups: [gid_t]
        /// Set when the switch cannot happen; the child reports it and exits, as the reference's does.
        var failureMessage: String?
    }

    private static func switchUser(_ user: UserSpec?) throws -> UserSwitch? {
        guard let user else { return nil }
        let current = getuid()
        if current == user.uid { return nil }
        if current != 0 {
            return UserSwitch(uid: user.uid, gid: 0, groups: [],
                              failureMessage: "supervisor: couldn't setuid to \(user.uid): Can't drop privilege as nonroot user\n")
        }
        let gid = user.gid ?? 0
        return UserSwitch(uid: user.uid, gid: gid, groups: supplementaryGroups(user: user.name, uid: user.uid, gid: gid))
    }

    private static func supplementaryGroups(user name: String, uid: uid_t, gid: gid_t) -> [gid_t] {
        var userName = name
        if let entry = getpwuid(uid) { userName = String(cString: entry.pointee.pw_name) }
        var count: Int32 = 64
        var groups = [gid_t](repeating: 0, count: Int(count))
        if getgrouplist(userName, gid, &groups, &count) < 0 {
            groups = [gid_t](repeating: 0, count: Int(count))
            _ = getgrouplist(userName, gid, &groups, &count)
        }
        // The primary group first, as the reference orders them.
        var result = [gid]
        for group in groups.prefix(Int(count)) where group != gid { result.append(group) }
        return result
    }
}

/// The parent's and child's ends of a child's stdin, stdout and (unless redirected) stderr.
/// An output nobody reads has only a child end, on /dev/null.
struct PipeSet {
    enum Output { case pipe, null }

    var stdin: Int32 = -1, childStdin: Int32 = -1
    var stdout: Int32 = -1, childStdout: Int32 = -1
    var stderr: Int32 = -1, childStderr: Int32 = -1

    /// `stderr` nil: it goes where stdout goes.
    init(name: String, stdin withStdin: Bool, stdout stdoutKind: Output, stderr stderrKind: Output?) throws {
        do {
            if withStdin { (childStdin, stdin) = try Self.makePipe() }
            (stdout, childStdout) = try Self.make(stdoutKind)
            if let stderrKind { (stderr, childStderr) = try Self.make(stderrKind) }
        } catch let error as SystemError {
            closeParentEnds()
            closeChildEnds()
            if error.errno == EMFILE { throw Spawner.Failure(message: "too many open files to spawn '\(name)'") }
            throw Spawner.Failure(message: "unknown error making dispatchers for '\(name)': \(errnoName(error.errno))")
        }
    }

    /// (parent end or -1, child end).
    private static func make(_ kind: Output) throws -> (Int32, Int32) {
        switch kind {
        case .pipe:
            return try makePipe()
        case .null:
            let fd = open("/dev/null", O_WRONLY | O_CLOEXEC)
            guard fd >= 0 else { throw SystemError(errno: errno, what: "open /dev/null") }
            return (-1, fd)
        }
    }

    /// Returns (read end, write end), both close-on-exec.
    private static func makePipe() throws -> (Int32, Int32) {
        var fds: [Int32] = [-1, -1]
        guard sv_pipe_cloexec(&fds) == 0 else { throw SystemError(errno: errno, what: "pipe") }
        return (fds[0], fds[1])
    }

    mutating func closeChildEnds() {
        for fd in [childStdin, childStdout, childStderr] where fd >= 0 { close(fd) }
        (childStdin, childStdout, childStderr) = (-1, -1, -1)
    }

    mutating func closeParentEnds() {
        for fd in [stdin, stdout, stderr] where fd >= 0 { close(fd) }
        (stdin, stdout, stderr) = (-1, -1, -1)
    }
}
