/// A child's wait status decoded into the reference's exit code and message.
public struct WaitStatus: Sendable {
    /// The exit code, or -1 when the child was killed by a signal.
    public let exitCode: Int
    /// The signal that killed the child; nil when it exited.
    public let terminatingSignal: Int32?
    /// `exit status 1`, `terminated by SIGKILL`, `terminated by SIGSEGV (core dumped)`.
    public let message: String

    public init(raw status: Int32) {
        let low = status & 0x7f
        if low == 0 {
            exitCode = Int((status >> 8) & 0xff)
            terminatingSignal = nil
            message = "exit status \(exitCode)"
        } else if low != 0x7f {
            exitCode = -1
            terminatingSignal = low
            let core = (status & 0x80) != 0
            message = "terminated by \(SignalName.of(low))" + (core ? " (core dumped)" : "")
        } else {
            exitCode = -1
            terminatingSignal = nil
            let hex = String(UInt32(bitPattern: status) & 0xffff, radix: 16)
            message = "unknown termination cause 0x" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        }
    }
}
