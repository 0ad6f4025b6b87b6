import CSupervisor

/// Signal names as the reference prints them (`SIGTERM`, or `signal 99` when unknown).
public enum SignalName {
    public static func of(_ sig: Int32) -> String {
        if let abbrev = sv_signal_abbrev(sig) { return "SIG" + String(cString: abbrev) }
        return "signal \(sig)"
    }
}
