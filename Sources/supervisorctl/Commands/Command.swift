/// One shell action: its name, its `help <name>` text (also printed after a
/// usage mistake) and what it does with the rest of the line.
struct Command: Sendable {
    let name: String
    let help: [String]
    let run: @MainActor @Sendable (Controller, String) throws -> Void

    func printHelp(_ ctl: Controller) {
        for line in help { ctl.output(line) }
    }
}

/// All actions, in the order `help` lists them (alphabetical).
enum Commands {
    static let all: [Command] = [
        ConfigCommands.add, ConfigCommands.avail, ProcessCommands.clear, ShellCommands.exit, LogCommands.fg,
        LogCommands.maintail, ShellCommands.open, ProcessCommands.pid, ShellCommands.quit, DaemonCommands.reload,
        ConfigCommands.remove, ConfigCommands.reread, ProcessCommands.restart, DaemonCommands.shutdown,
        ProcessCommands.signal, ProcessCommands.start, ProcessCommands.status, ProcessCommands.stop, LogCommands.tail,
        ConfigCommands.update, DaemonCommands.version,
    ]

    /// Our own commands: they have help topics, but `help` lists the reference's actions only.
    static let extensions: [Command] = [TopCommand.top]

    /// `help` itself and `EOF` (what end of input runs) are dispatched but not listed.
    static func find(_ name: String) -> Command? {
        switch name {
        case "help": HelpCommand.help
        case "EOF": ShellCommands.endOfInput
        default: (all + extensions).first { $0.name == name }
        }
    }

    /// Words tab completion offers for the first word.
    static var vocabulary: [String] { ["help"] + all.map(\.name) }
}
