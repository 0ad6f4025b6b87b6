import CSupervisor
import Glibc
import SupervisorCommon

/// The parent's and child's ends of a child's stdin, stdout and (unless redirected) stderr.
/// An output nobody reads has only a child end, on /dev/null.
struct PipeSet {
    var stdin: Int32 = -1, childStdin: Int32 = -1
    var stdout: Int32 = -1, childStdout: Int32 = -1
    var stderr: Int32 = -1, childStderr: Int32 = -1

    /// `stderr` `.stdout`: it goes where stdout goes (no descriptor of its own).
    init(name: String, stdin withStdin: Bool, stdout stdoutKind: LaunchPlan.Output, stderr stderrKind: LaunchPlan.Output) throws {
        do {
            if withStdin { (childStdin, stdin) = try Self.makePipe() }
            (stdout, childStdout) = try Self.make(stdoutKind)
            if stderrKind != .stdout { (stderr, childStderr) = try Self.make(stderrKind) }
        } catch let error as SystemError {
            closeParentEnds()
            closeChildEnds()
            if error.errno == EMFILE { throw SpawnFailure(message: "too many open files to spawn '\(name)'") }
            throw SpawnFailure(message: "unknown error making dispatchers for '\(name)': \(errnoName(error.errno))")
        }
    }

    /// (parent end or -1, child end).
    private static func make(_ kind: LaunchPlan.Output) throws -> (Int32, Int32) {
        switch kind {
        case .pipe, .stdout:
            return try makePipe()
        case .discard:
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
