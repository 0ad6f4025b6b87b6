#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// Ctrl-C handling. The reference turns SIGINT into Python's KeyboardInterrupt,
/// which `tail -f` and `fg` catch to detach and the shell catches to exit. Here
/// the handler only sets a flag; installed without SA_RESTART, it makes a
/// blocking read return EINTR, and the reader then throws `Interrupted`.
struct Interrupted: Error {}

enum Interrupt {
    /// Set by the signal handler, which runs outside any actor: a lock-free atomic.
    private nonisolated static let requested = Atomic<Bool>(false)

    static func install() {
        _ = requested.load(ordering: .relaxed)  // initialized here, never first in the handler
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in Interrupt.requested.store(true, ordering: .relaxed) }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGINT, &action, nil)
    }

    /// Throws (once) if Ctrl-C was pressed since the last check.
    static func check() throws {
        if requested.exchange(false, ordering: .relaxed) {
            throw Interrupted()
        }
    }

    /// Runs `body` with Ctrl-C blocked; `body` lets it in only while waiting, by passing the
    /// mask it is given to `sv_ppoll` (which swaps the masks atomically), so one pressed
    /// between two waits is not lost.
    static func blockedExceptWhileWaiting<T>(_ body: (inout sigset_t) throws -> T) rethrows -> T {
        var interrupt = sigset_t()
        sigemptyset(&interrupt)
        sigaddset(&interrupt, SIGINT)
        var waiting = sigset_t()
        sigprocmask(SIG_BLOCK, &interrupt, &waiting)
        defer { sigprocmask(SIG_SETMASK, &waiting, nil) }
        return try body(&waiting)
    }

    /// Ends the process the way an uncaught KeyboardInterrupt ends Python: by SIGINT.
    static func dieBySignal() -> Never {
        Output.flush()
        signal(SIGINT, SIG_DFL)
        raise(SIGINT)
        exit(130)
    }
}
