import SupervisorCommon

/// Linux signal names and numbers, as the reference's `signal` module knows them.
public enum Signals {
    public static let numbersByName: [String: Int32] = [
        "SIGHUP": 1, "SIGINT": 2, "SIGQUIT": 3, "SIGILL": 4, "SIGTRAP": 5, "SIGABRT": 6, "SIGIOT": 6,
        "SIGBUS": 7, "SIGFPE": 8, "SIGKILL": 9, "SIGUSR1": 10, "SIGSEGV": 11, "SIGUSR2": 12,
        "SIGPIPE": 13, "SIGALRM": 14, "SIGTERM": 15, "SIGSTKFLT": 16, "SIGCHLD": 17, "SIGCLD": 17,
        "SIGCONT": 18, "SIGSTOP": 19, "SIGTSTP": 20, "SIGTTIN": 21, "SIGTTOU": 22, "SIGURG": 23,
        "SIGXCPU": 24, "SIGXFSZ": 25, "SIGVTALRM": 26, "SIGPROF": 27, "SIGWINCH": 28, "SIGIO": 29,
        "SIGPOLL": 29, "SIGPWR": 30, "SIGSYS": 31, "SIGRTMIN": 34, "SIGRTMAX": 64,
    ]

    /// The numbers the reference accepts when a signal is given numerically: 0 to 31 (0 through 2
    /// come from its handler constants), `SIGRTMIN` and `SIGRTMAX`.
    static let acceptedNumbers: Set<Int32> = Set(0...31).union([34, 64])

    /// `TERM`, `SIGTERM`, `term` or `15`.
    public static func number(_ text: String) throws(InvalidValue) -> Int32 {
        if let value = ValueParsers.parseInteger(text, radix: 10) {
            guard let number = Int32(exactly: value), acceptedNumbers.contains(number) else {
                throw InvalidValue("value \(pythonRepr(text)) is not a valid signal number")
            }
            return number
        }
        var name = text.trimmingWhitespace().uppercased()
        if !name.hasPrefix("SIG") { name = "SIG" + name }
        guard let number = numbersByName[name] else { throw InvalidValue("value \(pythonRepr(text)) is not a valid signal name") }
        return number
    }
}
