import Glibc
import SupervisorCommon

// pidproxy <pidfile> <command> [<args>...]
// Runs a command that daemonizes itself, and forwards the signals it gets to the pid
// written in the pidfile, so supervisord can control such a program. Waits for signals
// with sigwait: nothing polls.

let arguments = CommandLine.arguments
guard arguments.count >= 3 else {
    print("pidproxy -- run command and proxy signals to it via its pidfile.\n\nUsage: \(arguments.first ?? "pidproxy") <pidfile name> <command> [<cmdarg1> ...]")
    exit(1)
}
let pidfile = arguments[1]
let command = Array(arguments[2...])
let forwarded: [Int32] = [SIGTERM, SIGHUP, SIGINT, SIGUSR1, SIGUSR2, SIGQUIT]
let ending: Set<Int32> = [SIGTERM, SIGINT, SIGQUIT]

var watched = sigset_t()
sigemptyset(&watched)
for signal in forwarded + [SIGCHLD] { sigaddset(&watched, signal) }
sigprocmask(SIG_BLOCK, &watched, nil)

/// The child starts with nothing blocked, whatever this process blocks.
func spawn(_ argv: [String]) -> pid_t {
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    var empty = sigset_t()
    sigemptyset(&empty)
    posix_spawnattr_setsigmask(&attributes, &empty)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))
    defer { posix_spawnattr_destroy(&attributes) }
    var cStrings: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
    defer { for pointer in cStrings { free(pointer) } }
    let path = argv[0].hasPrefix("/") ? argv[0] : (WorkingDirectory.path() ?? ".") + "/" + argv[0]
    var pid: pid_t = 0
    let status = posix_spawn(&pid, path, nil, &attributes, &cStrings, environ)
    if status != 0 {
        var message = "pidproxy: cannot run \(argv[0]): \(String(cString: strerror(status)))\n"
        message.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
        exit(1)
    }
    return pid
}

func pidFromFile() -> pid_t? {
    guard let file = fopen(pidfile, "r") else { return nil }
    defer { fclose(file) }
    var line = [CChar](repeating: 0, count: 32)
    guard fgets(&line, Int32(line.count), file) != nil else { return nil }
    let text = String(cBuffer: line).trimmingWhitespace()
    return pid_t(text)
}

_ = spawn(command)
while true {
    var received: Int32 = 0
    guard sigwait(&watched, &received) == 0 else { continue }
    if received == SIGCHLD {
        var status: Int32 = 0
        if waitpid(-1, &status, WNOHANG) > 0 { exit(0) }
        continue
    }
    guard let target = pidFromFile() else {
        print("Can't read child pidfile \(pidfile)!")
        continue
    }
    kill(target, received)
    if ending.contains(received) { exit(0) }
}
