import CSupervisor
import Glibc
import SupervisorConfig

/// Makes real children: resolves the command, makes the pipes and calls the C spawn
/// helper (between clone and exec the child makes only async-signal-safe calls).
public struct SystemSpawner: ChildSpawner {
    public init() {}

    public func launch(_ plan: LaunchPlan) throws -> LaunchedChild {
        let (path, argv) = try Spawner.resolveCommand(plan.command, environment: plan.environment)
        let user = try Spawner.switchUser(plan.user)
        let socket: Int32? = if case .socket(let fd) = plan.stdin { fd } else { nil }
        var pipes = try PipeSet(name: plan.name, stdin: plan.stdin == .pipe, stdout: plan.stdout, stderr: plan.stderr)

        var request = sv_spawn_request()
        request.umask = plan.umask.map { Int32($0) } ?? -1
        request.stdin_fd = socket ?? pipes.childStdin
        request.stdout_fd = pipes.childStdout
        request.stderr_fd = pipes.childStderr >= 0 ? pipes.childStderr : pipes.childStdout
        request.cgroup_fd = plan.cgroup ?? -1
        var failedStage: Int32 = 0
        var childErrno: Int32 = 0
        let pid: pid_t = withCStrings(argv) { argvPointers in
            withCEnvironment(plan.environment) { envPointers in
                withOptionalCString(plan.directory) { directory in
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
            if err == EAGAIN { throw SpawnFailure(message: "Too many processes in process table to spawn '\(plan.name)'") }
            if plan.cgroup != nil && err != ENOMEM {
                throw SpawnFailure(message: "couldn't spawn '\(plan.name)' into its cgroup: \(errnoName(err))")
            }
            throw SpawnFailure(message: "unknown error during fork for '\(plan.name)': \(errnoName(err))")
        }
        let childFailure: String? = failedStage == SV_STAGE_NONE ? nil
            : "\(stageName(failedStage)): \(errnoName(childErrno))"
        return LaunchedChild(pid: pid, stdinFD: pipes.stdin, stdoutFD: pipes.stdout, stderrFD: pipes.stderr,
                             childFailure: childFailure)
    }

    public func send(_ signal: Int32, to pid: pid_t) -> Int32 {
        Glibc.kill(pid, signal) == 0 ? 0 : errno
    }

    private func stageName(_ stage: Int32) -> String {
        switch stage {
        case Int32(SV_STAGE_SETUID): "setuid"
        case Int32(SV_STAGE_CHDIR): "chdir"
        case Int32(SV_STAGE_CGROUP): "cgroup"
        default: "exec"
        }
    }

}
