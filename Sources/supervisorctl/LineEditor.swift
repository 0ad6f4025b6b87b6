#if canImport(Glibc)
import Glibc
import SupervisorCommon
#endif

/// A small readline replacement for the shell on a terminal: cursor movement,
/// deletion, history (persisted by the caller) and tab completion. Works in raw
/// mode one key at a time and redraws the whole line after each change; a line
/// longer than the terminal is wide wraps, and the redraw starts from its first row.
/// Columns are counted per character width (wide CJK characters take two, combining
/// marks none), as the terminal lays them out.
final class LineEditor {
    enum Outcome {
        case line(String)
        case endOfInput
        case interrupted
    }

    var history: [String] = []
    /// Given the whole line and the word being completed, the candidates.
    var complete: ((_ line: String, _ word: String) -> [String])?

    /// Characters that end a word for completion: readline's defaults minus
    /// `:`, `*` and `-`, so `group:*` and `my-prog` complete as one word.
    private static let wordBreaks = Set(" \t\n`~!@#$%^&()=+[{]}\\|;'\",<>/?".unicodeScalars)

    private var buffer: [Unicode.Scalar] = []
    private var cursor = 0
    private var prompt = ""
    /// The screen row of the cursor, counted from the row the prompt starts on.
    private var cursorRow = 0
    /// The terminal's width, read once per key.
    private var columns = 80

    init() {
        DisplayWidth.useEnvironmentLocale()
    }

    func read(prompt: String, addToHistory: Bool = true) -> Outcome {
        self.prompt = prompt
        buffer = []
        cursor = 0
        cursorRow = 0
        let result = Terminal.withRawMode(0) { () -> Outcome in
            // Raw mode first, so keys typed as soon as the prompt shows are not echoed twice.
            Output.write(prompt)
            Output.flush()
            return editLoop()
        }
        if case let .line(text) = result, addToHistory, !text.isEmpty { history.append(text) }
        return result
    }

    private func editLoop() -> Outcome {
        var historyIndex = history.count
        var draft: [Unicode.Scalar] = []  // the unsent line while browsing history
        func recall(_ index: Int) {
            guard index >= 0, index <= history.count, index != historyIndex else { return }
            if historyIndex == history.count { draft = buffer }
            historyIndex = index
            buffer = index == history.count ? draft : Array(history[index].unicodeScalars)
            cursor = buffer.count
        }

        while let key = readKey() {
            columns = Terminal.width
            switch key {
            case .enter:
                cursor = buffer.count
                redraw()
                moveBelowLine()
                Output.flush()
                return .line(String(String.UnicodeScalarView(buffer)))
            case .interrupt:
                moveBelowLine()
                return .interrupted
            case .endOfFile:
                if buffer.isEmpty { return .endOfInput }
                buffer.removeSubrange(cursor..<nextStop(cursor))
            case let .insert(scalar):
                buffer.insert(scalar, at: cursor)
                cursor += 1
                // Typing at the end echoes the key, unless it fills the row (see redraw).
                if cursor == buffer.count {
                    let (row, column) = position(of: cursor)
                    if column < columns {
                        cursorRow = row
                        Output.write(String(scalar))
                        Output.flush()
                        continue
                    }
                }
            case .backspace:
                let start = previousStop(cursor)
                buffer.removeSubrange(start..<cursor)
                cursor = start
            case .delete: buffer.removeSubrange(cursor..<nextStop(cursor))
            case .left: cursor = previousStop(cursor)
            case .right: cursor = nextStop(cursor)
            case .home: cursor = 0
            case .end: cursor = buffer.count
            case .killToEnd: buffer.removeSubrange(cursor...)
            case .killToStart:
                buffer.removeSubrange(..<cursor)
                cursor = 0
            case .killWord:
                var start = cursor
                while start > 0 && buffer[start - 1] == " " { start -= 1 }
                while start > 0 && buffer[start - 1] != " " { start -= 1 }
                buffer.removeSubrange(start..<cursor)
                cursor = start
            case .previous: recall(historyIndex - 1)
            case .next: recall(historyIndex + 1)
            case .tab: completeWord()
            case .clearScreen:
                Output.write("\u{1B}[H\u{1B}[2J")
                cursorRow = 0
            case .ignored: continue
            }
            redraw()
        }
        return .endOfInput
    }

    /// The cursor stops before characters that take columns: a combining mark moves, and
    /// is deleted, with the letter before it.
    private func previousStop(_ index: Int) -> Int {
        var stop = max(0, index - 1)
        while stop > 0 && DisplayWidth.of(buffer[stop]) == 0 { stop -= 1 }
        return stop
    }

    private func nextStop(_ index: Int) -> Int {
        var stop = min(buffer.count, index + 1)
        while stop < buffer.count && DisplayWidth.of(buffer[stop]) == 0 { stop += 1 }
        return stop
    }

    /// Where the terminal has its cursor after the prompt and the first `count` characters
    /// of the line, written from column 0: a character that does not fit in what is left
    /// of a row starts the next one. The column is `columns` after a character that fills
    /// its row: the terminal holds the cursor there until the next character.
    private func position(of count: Int) -> (row: Int, column: Int) {
        var (row, column) = (0, 0)
        func place(_ scalar: Unicode.Scalar) {
            let width = DisplayWidth.of(scalar)
            if column + width > columns { (row, column) = (row + 1, 0) }
            column += width
        }
        prompt.unicodeScalars.forEach(place)
        buffer[..<count].forEach(place)
        return (row, column)
    }

    /// Rewrites the line from its first row and puts the cursor on `cursor`.
    private func redraw() {
        var out = cursorRow > 0 ? "\u{1B}[\(cursorRow)A\r" : "\r"
        out += prompt + String(String.UnicodeScalarView(buffer))
        let end = position(of: buffer.count)
        var endRow = end.row
        // A line that fills its last row leaves the cursor held at the last column;
        // start the next row now so the cursor is where it is counted.
        if end.column >= columns {
            out += "\r\n"
            endRow += 1
        }
        out += "\u{1B}[J"  // whatever a longer line left below
        var (targetRow, targetColumn) = position(of: cursor)
        if targetColumn >= columns { (targetRow, targetColumn) = (targetRow + 1, 0) }
        if endRow > targetRow { out += "\u{1B}[\(endRow - targetRow)A" }
        out += "\r"
        if targetColumn > 0 { out += "\u{1B}[\(targetColumn)C" }
        cursorRow = targetRow
        Output.write(out)
        Output.flush()
    }

    /// Puts the cursor at the start of the row under the line, to write below it.
    private func moveBelowLine() {
        let lastRow = position(of: buffer.count).row
        if cursorRow > lastRow {  // already on the fresh row after a full one
            Output.write("\r")
        } else {
            Output.write((lastRow > cursorRow ? "\u{1B}[\(lastRow - cursorRow)B" : "") + "\r\n")
        }
        cursorRow = 0
    }

    /// readline's behaviour: one candidate is inserted; several extend the word to
    /// their common prefix, and if that adds nothing they are listed.
    private func completeWord() {
        guard let complete else { return }
        var start = cursor
        while start > 0 && !Self.wordBreaks.contains(buffer[start - 1]) { start -= 1 }
        let word = String(String.UnicodeScalarView(buffer[start..<cursor]))
        let candidates = complete(String(String.UnicodeScalarView(buffer)), word)
        guard let first = candidates.first else { return }
        var common = Array(first.unicodeScalars)
        for candidate in candidates.dropFirst() {
            let scalars = Array(candidate.unicodeScalars)
            var n = 0
            while n < min(common.count, scalars.count) && common[n] == scalars[n] { n += 1 }
            common.removeSubrange(n...)
        }
        if common.count > cursor - start {
            buffer.replaceSubrange(start..<cursor, with: common)
            cursor = start + common.count
        } else if candidates.count > 1 {
            moveBelowLine()
            let shown = candidates.map { $0.trimmingWhitespace() }
            for row in HelpCommand.columnize(shown, width: columns - 1) { Output.write(row + "\r\n") }
        }
    }

    private enum Key {
        case insert(Unicode.Scalar)
        case enter, interrupt, endOfFile, backspace, delete, tab, clearScreen
        case left, right, home, end, previous, next
        case killToEnd, killToStart, killWord
        case ignored
    }

    private func readByte() -> UInt8? {
        var byte: UInt8 = 0
        while true {
            let n = Glibc.read(0, &byte, 1)
            if n == 1 { return byte }
            if n < 0 && errno == EINTR { continue }
            return nil
        }
    }

    private func readKey() -> Key? {
        guard let byte = readByte() else { return nil }
        switch byte {
        case 0x0D, 0x0A: return .enter
        case 0x03: return .interrupt
        case 0x04: return .endOfFile
        case 0x7F, 0x08: return .backspace
        case 0x09: return .tab
        case 0x01: return .home
        case 0x05: return .end
        case 0x02: return .left
        case 0x06: return .right
        case 0x0B: return .killToEnd
        case 0x15: return .killToStart
        case 0x17: return .killWord
        case 0x0C: return .clearScreen
        case 0x10: return .previous
        case 0x0E: return .next
        case 0x1B: return readEscape()
        case 0x00..<0x20: return .ignored
        case 0x20..<0x80: return .insert(Unicode.Scalar(byte))
        default: return readUTF8(lead: byte)
        }
    }

    /// `ESC [ X`, `ESC O X` and `ESC [ n ~` sequences for arrows, Home/End, Delete.
    private func readEscape() -> Key {
        guard let kind = readByte(), kind == UInt8(ascii: "[") || kind == UInt8(ascii: "O"),
              var final = readByte() else { return .ignored }
        var number = 0
        while (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(final) {
            number = number * 10 + Int(final - UInt8(ascii: "0"))
            guard let next = readByte() else { return .ignored }
            final = next
        }
        switch final {
        case UInt8(ascii: "A"): return .previous
        case UInt8(ascii: "B"): return .next
        case UInt8(ascii: "C"): return .right
        case UInt8(ascii: "D"): return .left
        case UInt8(ascii: "H"): return .home
        case UInt8(ascii: "F"): return .end
        case UInt8(ascii: "~"):
            switch number {
            case 1, 7: return .home
            case 4, 8: return .end
            case 3: return .delete
            default: return .ignored
            }
        default: return .ignored
        }
    }

    private func readUTF8(lead: UInt8) -> Key {
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
        var bytes = [lead]
        while bytes.count < length, let next = readByte() { bytes.append(next) }
        guard let scalar = String(validating: bytes, as: UTF8.self)?.unicodeScalars.first else { return .ignored }
        return .insert(scalar)
    }
}
