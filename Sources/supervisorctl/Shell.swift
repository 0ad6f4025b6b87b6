#if canImport(Glibc)
import Glibc
#endif

/// The interactive shell: shows the status, then reads and runs command lines
/// until `quit`, `exit`, end of input or Ctrl-C.
final class Shell {
    private let controller: Controller
    private let editor: LineEditor?

    init(session: Session) {
        // Like Python's input(): line editing only when both ends are a terminal.
        let editor = Terminal.isInteractive ? LineEditor() : nil
        self.editor = editor
        controller = Controller(session: session, readLine: Shell.plainPrompt)
        if let editor {
            controller.readLine = { prompt in
                if case let .line(text) = editor.read(prompt: prompt, addToHistory: false) { return text }
                return nil
            }
            editor.complete = { [unowned controller] line, word in controller.completions(line: line, text: word) }
        }
    }

    func run() {
        loadHistory()
        defer { saveHistory() }
        controller.run("status")
        let prompt = controller.session.prompt + "> "
        while !controller.shouldStop {
            if let editor {
                switch editor.read(prompt: prompt) {
                case let .line(text): controller.run(text)
                case .endOfInput: controller.run("EOF")
                case .interrupted: return
                }
            } else {
                do {
                    Output.write(prompt)
                    Output.flush()
                    guard let text = try StdinReader.readLine() else {
                        controller.run("EOF")
                        continue
                    }
                    controller.run(text)
                } catch {
                    Output.line("")  // Ctrl-C ends the shell
                    return
                }
            }
        }
    }

    /// A question outside the line editor, as Python's `input()` asks it.
    static func plainPrompt(_ prompt: String) -> String? {
        Output.write(prompt)
        Output.flush()
        return try? StdinReader.readLine()
    }

    // History: one entry per line, the format GNU readline reads and writes.
    private func loadHistory() {
        guard let editor, let path = controller.session.historyFile else { return }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return }
        defer { close(fd) }
        var data: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n <= 0 { break }
            data += chunk[..<n]
        }
        editor.history = data.split(separator: 0x0A).map { String(decoding: $0, as: UTF8.self) }
            .filter { $0 != "_HiStOrY_V2_" }  // header of libedit-written files
    }

    private func saveHistory() {
        guard let editor, let path = controller.session.historyFile else { return }
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return }
        defer { close(fd) }
        Output.writeAll(fd: fd, Array(editor.history.map { $0 + "\n" }.joined().utf8))
    }
}
