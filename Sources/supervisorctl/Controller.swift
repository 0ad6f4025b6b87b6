#if canImport(Glibc)
import Glibc
#endif
import SupervisorCommon
import XMLRPC

/// The settings commands run with; `open` and the 401 prompt change them.
struct Session {
    var serverURL: String
    var username: String?
    var password: String?
    var prompt: String
    var historyFile: String?
    /// True in the shell and with `-i`: destructive commands ask first and a 401
    /// asks for credentials.
    var interactive: Bool
}

/// Runs command lines: the reference's `Controller.onecmd` plus the shared
/// helpers every command uses (upcheck, exit status bookkeeping, output).
final class Controller {
    var session: Session
    var exitStatus: Int32 = ExitStatus.success
    /// Set by `quit`, `exit` and end of input.
    var shouldStop = false
    /// getAllProcessInfo for tab completion, kept until the next command runs.
    var completionCache: [ProcessStatus]?
    /// Reads a line for confirmations and credentials (the shell's editor, or stdin).
    var readLine: (String) -> String?

    init(session: Session, readLine: @escaping (String) -> String?) {
        self.session = session
        self.readLine = readLine
    }

    var rpc: RPCClient {
        RPCClient(serverURL: session.serverURL, username: session.username, password: session.password)
    }

    func output(_ s: String) { Output.line(s) }

    /// The help of an action, also shown after a usage mistake.
    func printHelp(_ name: String) { Commands.find(name)?.printHelp(self) }

    /// Parses and runs one line, as `cmd.Cmd.onecmd` splits it: a leading `?`
    /// means help, the command is the leading run of identifier characters.
    func run(_ rawLine: String) {
        var line = rawLine.trimmingWhitespace()
        if line.isEmpty { return }
        if line.hasPrefix("?") { line = "help " + line.dropFirst() }
        let nameEnd = line.unicodeScalars.firstIndex { !isIdentifierScalar($0) } ?? line.endIndex
        let name = String(line[..<nameEnd])
        let argument = line[nameEnd...].trimmingWhitespace()
        completionCache = nil
        guard !name.isEmpty, let command = Commands.find(name) else {
            fail("*** Unknown syntax: \(line)")
            return
        }
        execute(command, argument)
    }

    private func execute(_ command: Command, _ argument: String) {
        do {
            try command.run(self, argument)
        } catch let failure as RPCFailure where failure.isUnauthorized {
            output("Server requires authentication")
            guard session.interactive else {
                // The reference then runs the command a second time, which fails
                // the same way and is reported as an error; we just report it.
                report(failure.asControlError)
                return
            }
            // End of input here is an EOFError in the reference too (getpass's has no message).
            guard let username = readLine("Username:") else {
                report(ControlError(pythonClass: "EOFError", message: "EOF when reading a line"))
                return
            }
            guard let password = Terminal.readPassword(prompt: "Password:") else {
                report(ControlError(pythonClass: "EOFError", message: ""))
                return
            }
            output("")
            session.username = username
            session.password = password
            execute(command, argument)
        } catch let failure as RPCFailure {
            report(failure.asControlError)
        } catch let error as ControlError {
            report(error)
        } catch is Interrupted {
            interruptedDuringCommand()
        } catch {
            report(ControlError(pythonClass: "Exception", message: "\(error)"))
        }
    }

    /// The reference prints any unexpected exception in one line and fails.
    func report(_ error: ControlError) {
        fail("error: <class '\(error.pythonClass)'>, \(error.message): file: \(error.file) line: \(error.line)")
    }

    /// Ctrl-C outside `tail -f`/`fg`: the shell ends quietly (exit 0), a single
    /// command dies as Python does on an uncaught KeyboardInterrupt.
    private func interruptedDuringCommand() {
        guard session.interactive else { Interrupt.dieBySignal() }
        output("")
        shouldStop = true
        exitStatus = ExitStatus.success
    }

    /// Calls `method`. A fault with a handler in `faults` runs the handler (with the fault
    /// string) and gives nil instead of throwing: the commands' "ERROR: ..." lines.
    func call(_ method: String, _ params: [XMLRPCValue] = [], on faults: [FaultCode: (String) -> Void]) throws -> XMLRPCValue? {
        do {
            return try rpc.call(method, params)
        } catch RPCFailure.fault(let code, let string) {
            guard let handler = FaultCode(rawValue: code).flatMap({ faults[$0] }) else { throw RPCFailure.fault(code: code, string: string) }
            handler(string)
            return nil
        }
    }

    /// Prints an error line and marks the command failed (exit status 1).
    func fail(_ message: String) {
        output(message)
        exitStatus = ExitStatus.generic
    }

    /// Sets the exit status from a per-process result code, as the reference's
    /// `set_exitstatus_from_xmlrpc_fault` does.
    func noteResult(_ code: Int, ignoring ignored: Int? = nil) {
        if code == FaultCode.success.rawValue || code == ignored { return }
        exitStatus = [FaultCode.spawnError, .abnormalTermination, .notRunning].contains { $0.rawValue == code } ? ExitStatus.notRunning : ExitStatus.generic
    }

    /// Checks that a supervisord with the expected API answers, reporting why not.
    func upcheck() throws -> Bool {
        do {
            let api = try rpc.call("supervisor.getVersion")
            if api != .string(SupervisorVersion.api) {
                output("Sorry, this version of supervisorctl expects to talk to a server with API version \(SupervisorVersion.api), "
                       + "but the remote version is \(api.pythonString).")
                exitStatus = ExitStatus.notInstalled
                return false
            }
        } catch RPCFailure.fault(FaultCode.unknownMethod.rawValue, _) {
            output("Sorry, supervisord responded but did not recognize the supervisor namespace commands that "
                   + "supervisorctl uses to control it.  Please check that the [rpcinterface:supervisor] section "
                   + "is enabled in the configuration file (see sample.conf).")
            exitStatus = ExitStatus.unimplementedFeature
            return false
        } catch let error as ControlError where error.errno == ECONNREFUSED {
            output("\(session.serverURL) refused connection")
            exitStatus = ExitStatus.insufficientPrivileges
            return false
        } catch let error as ControlError where error.errno == ENOENT {
            output("\(session.serverURL) no such file")
            exitStatus = ExitStatus.notRunning
            return false
        }
        return true
    }

    /// A yes/no question in the shell (the reference's `raw_input`); EOF is an error there too.
    func confirm(_ question: String) throws -> Bool {
        guard let answer = readLine(question) else { throw ControlError(pythonClass: "EOFError", message: "EOF when reading a line") }
        return answer.lowercased().hasPrefix("y")
    }
}

/// `cmd.Cmd.identchars`: ASCII letters, digits and underscore.
private func isIdentifierScalar(_ s: Unicode.Scalar) -> Bool {
    s.isASCII && (s.properties.isAlphabetic || ("0"..."9").contains(s) || s == "_")
}

extension XMLRPCValue {
    /// How Python's `str()` shows a value the reference prints directly (versions, pids).
    var pythonString: String {
        switch self {
        case let .int(i): String(i)
        case let .bool(b): b ? "True" : "False"
        case let .string(s): s
        case let .double(d): String(d)
        case let .dateTime(s): s
        case .nil: "None"
        default: "\(self)"
        }
    }
}
