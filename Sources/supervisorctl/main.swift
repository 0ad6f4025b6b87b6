#if canImport(Glibc)
import Glibc
import SupervisorCommon
#endif

// supervisorctl: a drop-in for the reference's client. Runs the action given on
// the command line, or a shell when there is none.

let programName = CommandLine.arguments.first ?? "supervisorctl"

let usage = """
    supervisorctl -- control applications run by supervisord from the cmd line.

    Usage: \(programName) [options] [action [arguments]]

    Options:
    -c/--configuration FILENAME -- configuration file path (searches if not given)
    -h/--help -- print usage message and exit
    -i/--interactive -- start an interactive shell after executing commands
    -s/--serverurl URL -- URL on which supervisord server is listening
         (default "http://localhost:9001").
    -u/--username USERNAME -- username to use for authentication with server
    -p/--password PASSWORD -- password to use for authentication with server
    -r/--history-file -- keep a readline history (if readline is available)

    action [arguments] -- see below

    Actions are commands like "tail" or "stop".  If -i is specified or no action is
    specified on the command line, a "shell" interpreting actions typed
    interactively is started.  Use the action "help" to find out about available
    actions.


    """

/// Where the config search looks for `../etc/supervisord.conf`: the path we were
/// run by, or the resolved executable when we were found through PATH.
func executablePath() -> String {
    if programName.contains("/") { return programName }
    var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
    let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
    return n > 0 ? String(cBuffer: buffer) : programName
}

func usageError(_ message: String) -> Never {
    Output.error("Error: \(message)\nFor help, use \(programName) -h\n")
    exit(2)
}

let options: ControlOptions
let session: Session
do {
    options = try ControlOptions.parse(Array(CommandLine.arguments.dropFirst()))
    if options.wantsHelp {
        Output.write(usage)
        Output.flush()
        exit(0)
    }
    session = try makeSession(options, executablePath: executablePath())
} catch let error as ControlOptions.UsageError {
    usageError(error.message)
} catch {
    usageError("\(error)")
}

Interrupt.install()
if options.arguments.isEmpty {
    Shell(session: session).run()
    Output.flush()
    exit(0)  // the shell always exits 0, as the reference's does
}
let controller = Controller(session: session, readLine: Shell.plainPrompt)
controller.run(options.arguments.joined(separator: " "))
Output.flush()
exit(controller.exitStatus)
