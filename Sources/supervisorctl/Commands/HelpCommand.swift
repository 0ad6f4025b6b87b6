import SupervisorCommon

/// `help` and `help <action>`, laid out as Python's `cmd.Cmd` does.
enum HelpCommand {
    static let help = Command(name: "help", help: [
        "help\t\tPrint a list of available actions",
        "help <action>\tPrint help for <action>",
    ]) { ctl, arg in
        if arg.isEmpty {
            let header = "default commands (type help <topic>):"
            ctl.output("")
            ctl.output(header)
            ctl.output(String(repeating: "=", count: header.count))
            for row in columnize(Commands.all.map(\.name), width: 79) { ctl.output(row) }
            ctl.output("")
        } else if arg.trimmingWhitespace() == "help" {
            ctl.printHelp("help")
        } else if let command = (Commands.all + Commands.extensions).first(where: { $0.name == arg }) {
            command.printHelp(ctl)
        } else {
            ctl.output("*** No help on \(arg)")
        }
    }

    /// `cmd.Cmd.columnize`: the fewest rows whose columns (two spaces apart) fit
    /// in `width`, filled column by column; cells padded except trailing empties.
    static func columnize(_ words: [String], width: Int) -> [String] {
        guard words.count > 1 else { return words }
        var rows = words.count
        var widths = [0]
        for candidate in 1..<words.count {
            let columns = (words.count + candidate - 1) / candidate
            var columnWidths: [Int] = []
            var total = -2
            for column in 0..<columns {
                let cells = words[(column * candidate)..<min(words.count, (column + 1) * candidate)]
                let w = cells.map(\.count).max() ?? 0
                columnWidths.append(w)
                total += w + 2
                if total > width { break }
            }
            if total <= width {
                rows = candidate
                widths = columnWidths
                break
            }
        }
        return (0..<rows).map { row in
            var cells: [String] = []
            for (column, w) in widths.enumerated() where row + rows * column < words.count {
                cells.append(PythonText.leftJustify(words[row + rows * column], w))
            }
            return cells.joined(separator: "  ")
        }
    }
}
