#if canImport(Glibc)
import Glibc
import SupervisorCommon
#endif

/// Commands about supervisord itself: shutdown, reload, version.
enum DaemonCommands {
    static let shutdown = Command(name: "shutdown", help: ["shutdown \tShut the remote supervisord down."]) { ctl, arg in
        guard rejectArguments(ctl, arg, "shutdown") else { return }
        if ctl.session.interactive, try !ctl.confirm("Really shut the remote supervisord process down y/N? ") { return }
        do {
            _ = try ctl.rpc.call("supervisor.shutdown")
            ctl.output("Shut down")
        } catch RPCFailure.fault(FaultCode.shutdownState.rawValue, _) {
            ctl.output("ERROR: already shutting down")
        } catch let error as ControlError where error.errno == ECONNREFUSED || error.errno == ENOENT {
            ctl.exitStatus = ExitStatus.generic
            let why = error.errno == ECONNREFUSED ? "refused connection" : "no such file"
            ctl.output("ERROR: \(ctl.session.serverURL) \(why) (already shut down?)")
        }
    }

    static let reload = Command(name: "reload", help: ["reload \t\tRestart the remote supervisord."]) { ctl, arg in
        guard rejectArguments(ctl, arg, "reload") else { return }
        if ctl.session.interactive, try !ctl.confirm("Really restart the remote supervisord process y/N? ") { return }
        guard try ctl.call("supervisor.restart", on: [
            .shutdownState: { _ in ctl.fail("ERROR: already shutting down") },
        ]) != nil else { return }
        ctl.output("Restarted supervisord")
    }

    static let version = Command(name: "version", help: [
        "version\t\t\tShow the version of the remote supervisord process",
    ]) { ctl, arg in
        guard rejectArguments(ctl, arg, "version") else { return }
        guard try ctl.upcheck() else { return }
        ctl.output(try ctl.rpc.call("supervisor.getSupervisorVersion").pythonString)
    }
}
