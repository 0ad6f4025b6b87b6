import SupervisorCommon
/// The XML-RPC wording of control errors: the reference's fault codes and strings.
/// (Reached through `RPCFault(_: Error)`: an unlabeled `init(ControlError)` would win
/// over `init(FaultCode)` for `.badArguments`, which both types have.)
extension RPCFault {
    init(control error: ControlError) {
        switch error {
        case .shuttingDown: self.init(.shutdownState)
        case .badName(let name): self.init(.badName, name)
        case .badSignal(let signal): self.init(.badSignal, signal)
        case .noFile(let what): self.init(.noFile, what)
        case .notExecutable(let message): self.init(.notExecutable, message)
        case .failed(let message): self.init(.failed, message)
        case .abnormalTermination(let spec): self.init(.abnormalTermination, spec)
        case .spawnError(let spec): self.init(.spawnError, spec)
        case .alreadyStarted(let spec): self.init(.alreadyStarted, spec)
        case .notRunning(let spec): self.init(.notRunning, spec)
        case .alreadyAdded(let name): self.init(.alreadyAdded, name)
        case .stillRunning(let name): self.init(.stillRunning, name)
        case .cantReread(let message): self.init(.cantReread, message)
        case .badArguments: self.init(FaultCode.badArguments)
        }
    }
}
