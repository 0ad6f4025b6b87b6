import CSupervisor
import Glibc
import SupervisorCommon
import SupervisorConfig

/// Command resolution, environment and user switching for a spawn, with the
/// reference's messages.
enum Spawner {
    // MARK: - Command

    /// Splits the command and finds the executable, with the reference's messages.
    static func resolveCommand(_ command: String, environment: [EnvironmentVariable]) throws -> (String, [String]) {
        let words: [String]
        do {
            words = try ShellWords.split(command)
        } catch {
            throw SpawnFailure(message: "can't parse command \(pythonRepr(command)): \(error)", kind: .notExecutable)
        }
        guard let program = words.first else { throw SpawnFailure(message: "command is empty", kind: .notExecutable) }
        var found: (String, stat)?
        if program.contains("/") {
            var info = stat()
            if stat(program, &info) == 0 { found = (program, info) }
        } else {
            found = search(program, in: searchPath(environment))
        }
        guard let (filename, info) = found else {
            throw SpawnFailure(message: "can't find command \(pythonRepr(program))", kind: .notFound)
        }
        if info.st_mode & S_IFMT == S_IFDIR {
            throw SpawnFailure(message: "command at \(pythonRepr(filename)) is a directory", kind: .notExecutable)
        }
        if info.st_mode & 0o111 == 0 {
            throw SpawnFailure(message: "command at \(pythonRepr(filename)) is not executable", kind: .notExecutable)
        }
        if access(filename, X_OK) != 0 {
            throw SpawnFailure(message: "no permission to run command \(pythonRepr(filename))", kind: .notExecutable)
        }
        return (filename, words)
    }

    /// The program's PATH, else the daemon's, else the reference's default.
    private static func searchPath(_ environment: [EnvironmentVariable]) -> String {
        environment.last(where: { $0.name == "PATH" })?.value ?? "/bin:/usr/bin:/usr/local/bin"
    }

    /// The first `directory/program` along `path` (`:`-separated, an empty entry is `/`) that
    /// exists. Each candidate is built in one reused buffer: a spawn stats every directory
    /// before the program's, and only the one found becomes a String.
    private static func search(_ program: String, in path: String) -> (String, stat)? {
        var candidate: [UInt8] = []
        candidate.reserveCapacity(path.utf8.count + program.utf8.count + 2)
        for directory in path.utf8.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false) {
            candidate.removeAll(keepingCapacity: true)
            candidate.append(contentsOf: directory)
            if directory.last != UInt8(ascii: "/") { candidate.append(UInt8(ascii: "/")) }
            candidate.append(contentsOf: program.utf8)
            candidate.append(0)
            var info = stat()
            let status = candidate.withUnsafeBufferPointer { bytes in
                bytes.withMemoryRebound(to: CChar.self) { stat($0.baseAddress!, &info) }
            }
            if status == 0 { return (String(decoding: candidate.dropLast(), as: UTF8.self), info) }
        }
        return nil
    }

    // MARK: - Environment

    /// The daemon's environment, then the SUPERVISOR_* variables, then the config's layers:
    /// `[supervisord] environment`, the environment files in order (read now), the program's
    /// own `environment`.
    /// - Throws: `SpawnFailure` when an environment file cannot be read or parsed.
    static func makeEnvironment(_ process: Subprocess) throws(SpawnFailure) -> [EnvironmentVariable] {
        var merged = process.supervisor.daemonEnvironment
        merged.set("SUPERVISOR_ENABLED", "1")
        if let url = process.config.serverurl ?? process.supervisor.serverURL {
            merged.set("SUPERVISOR_SERVER_URL", url)
        }
        merged.set("SUPERVISOR_PROCESS_NAME", process.config.name)
        merged.set("SUPERVISOR_GROUP_NAME", process.group.name)
        let config = process.config
        let files = try EnvironmentFileReader.variables(of: config.environmentFiles, directory: config.directory)
        for variable in config.supervisordEnvironment + files + config.environment {
            merged.set(variable.name, variable.value)
        }
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

    static func switchUser(_ user: UserSpec?) throws -> UserSwitch? {
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
