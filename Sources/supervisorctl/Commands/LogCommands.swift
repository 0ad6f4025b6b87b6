import SupervisorCommon
import SupervisorConfig
import XMLRPC

/// Commands that show output: tail, maintail, fg.
enum LogCommands {
    static let tail = Command(name: "tail", help: [
        "tail [-f] <name> [stdout|stderr] (default stdout)",
        "Ex:",
        "tail -f <name>\t\tContinuous tail of named process stdout",
        "\t\t\tCtrl-C to exit.",
        "tail -100 <name>\tlast 100 *bytes* of process stdout",
        "tail <name> stderr\tlast 1600 *bytes* of process stderr",
    ]) { ctl, arg in
        guard try ctl.upcheck() else { return }
        var args = PythonText.split(arg)
        guard (1...3).contains(args.count) else {
            ctl.fail(args.isEmpty ? "Error: too few arguments" : "Error: too many arguments")
            ctl.printHelp("tail")
            return
        }
        let modifier = args[0].hasPrefix("-") ? args.removeFirst() : nil
        let name: String
        var channel = "stdout"
        if args.count == 1 {
            name = args[0]
        } else if let first = args.first {
            name = first
            channel = args[args.count - 1].lowercased()
            guard channel == "stderr" || channel == "stdout" else {
                ctl.fail("Error: bad channel \(pythonRepr(channel))")
                return
            }
        } else {
            ctl.fail("Error: tail requires process name")
            return
        }
        var bytes = 1600
        if let modifier {
            let what = String(modifier.dropFirst())
            if what == "f" {
                return try follow(ctl, path: "/logtail/\(name)/\(channel)")
            }
            guard let n = pythonInt(what) else {
                ctl.fail("Error: bad argument \(modifier)")
                return
            }
            bytes = n
        }
        let method = channel == "stdout" ? "supervisor.readProcessStdoutLog" : "supervisor.readProcessStderrLog"
        do {
            ctl.output(try ctl.rpc.call(method, [.string(name), .int(-bytes), .int(0)]).pythonString)
        } catch RPCFailure.fault(let code, let string) {
            ctl.exitStatus = ExitStatus.generic
            switch code {
            case FaultCode.noFile.rawValue: ctl.output("\(name): ERROR (no log file)")
            case FaultCode.failed.rawValue: ctl.output("\(name): ERROR (unknown error reading log)")
            case FaultCode.badName.rawValue: ctl.output("\(name): ERROR (no such process name)")
            default: throw RPCFailure.fault(code: code, string: string)
            }
        }
    }

    static let maintail = Command(name: "maintail", help: [
        "maintail -f \tContinuous tail of supervisor main log file (Ctrl-C to exit)",
        "maintail -100\tlast 100 *bytes* of supervisord main log file",
        "maintail\tlast 1600 *bytes* of supervisor main log file\n",
    ]) { ctl, arg in
        guard try ctl.upcheck() else { return }
        let args = PythonText.split(arg)
        var bytes = 1600
        if args.count > 1 {
            ctl.fail("Error: too many arguments")
            ctl.printHelp("maintail")
            return
        } else if let only = args.first {
            if only == "-f" { return try follow(ctl, path: "/mainlogtail") }
            guard only.hasPrefix("-"), let n = pythonInt(String(only.dropFirst())) else {
                ctl.fail("Error: bad argument \(only)")
                return
            }
            bytes = n
        }
        do {
            ctl.output(try ctl.rpc.call("supervisor.readLog", [.int(-bytes), .int(0)]).pythonString)
        } catch RPCFailure.fault(FaultCode.noFile.rawValue, _) {
            ctl.fail("supervisord: ERROR (no log file)")
        } catch RPCFailure.fault(FaultCode.failed.rawValue, _) {
            ctl.fail("supervisord: ERROR (unknown error reading log)")
        }
    }

    /// `tail -f` / `maintail -f`: stream until the daemon ends it or Ctrl-C.
    private static func follow(_ ctl: Controller, path: String) throws {
        ctl.output("==> Press Ctrl-C to exit <==")
        let stream = LogStream(session: ctl.session, path: path)
        do {
            try pumpLogStreams([stream])
        } catch is Interrupted {
            stream.close()
            ctl.output("")
        }
    }

    static let fg = Command(name: "fg", help: [
        "fg <process>\tConnect to a process in foreground mode",
        "\t\tCtrl-C to exit",
    ]) { ctl, arg in
        guard try ctl.upcheck() else { return }
        let names = PythonText.split(arg)
        guard names.count == 1 else {
            ctl.fail(names.isEmpty ? "ERROR: no process name supplied" : "ERROR: too many process names supplied")
            if names.isEmpty { ctl.printHelp("fg") }
            return
        }
        let name = names[0]
        let rpc = ctl.rpc
        do {
            guard ProcessStatus(try rpc.call("supervisor.getProcessInfo", [.string(name)])).state == ProcessState.running.rawValue else {
                ctl.fail("ERROR: process not running")
                return
            }
        } catch RPCFailure.fault(let code, let string) {
            if code == FaultCode.badName.rawValue {
                ctl.fail("ERROR: bad process name supplied")
            } else {
                ctl.output("ERROR: " + RPCFailure.fault(code: code, string: string).asControlError.message)
            }
            return
        }
        ctl.output("==> Press Ctrl-C to exit <==")
        let streams = ["stdout", "stderr"].map { LogStream(session: ctl.session, path: "/logtail/\(name)/\($0)") }
        defer { streams.forEach { $0.close() } }
        do {
            // Lines the shell already read ahead count as typed input.
            guard try forwardTypedLines(ctl, name) else { return }
            try pumpLogStreams(streams) {
                try StdinReader.fill()
                return try forwardTypedLines(ctl, name)
            }
        } catch is Interrupted {
            ctl.output("Exiting foreground")
        }
    }

    /// Sends each complete typed line to the process's stdin; false once the
    /// process or the input has gone away (and the session should end).
    private static func forwardTypedLines(_ ctl: Controller, _ name: String) throws -> Bool {
        let rpc = ctl.rpc
        while let line = StdinReader.takeLine() {
            do {
                _ = try rpc.call("supervisor.sendProcessStdin", [.string(name), .string(line + "\n")])
            } catch let failure as RPCFailure {
                guard case let .fault(code, _) = failure else { throw failure }
                ctl.output(code == FaultCode.notRunning.rawValue ? "Process got killed" : "ERROR: " + failure.asControlError.message)
                ctl.output("Exiting foreground")
                return false
            }
            if ProcessStatus(try rpc.call("supervisor.getProcessInfo", [.string(name)])).state != ProcessState.running.rawValue {
                ctl.output("Process got killed")
                ctl.output("Exiting foreground")
                return false
            }
        }
        if StdinReader.isAtEnd {
            ctl.output("Exiting foreground")
            return false
        }
        return true
    }

    /// Python's `int()` on a tail size: optional sign and digits, surrounding blanks allowed.
    private static func pythonInt(_ text: String) -> Int? {
        let t = text.trimmingWhitespace()
        return Int(t.hasPrefix("+") ? String(t.dropFirst()) : t)
    }
}
