import CSupervisor
import SupervisorCommon
#if canImport(Glibc)
import Glibc
#endif

/// `top` (an extension: the reference has no such command, and `help` keeps the
/// reference's list): a live table of the processes, fed by this project's
/// `/api/v1/events?resources=1`, redrawn at every sampling round and key press.
enum TopCommand {
    static let top = Command(name: "top", help: [
        "top\t\t\tLive table of the processes: state, uptime, CPU %, memory",
        "\t\t\t(RSS) and restarts, by CPU. Keys: c CPU, m memory, n name,",
        "\t\t\tu uptime, r restarts; q or Ctrl-C quits. Needs this project's",
        "\t\t\tsupervisord (the reference has no live events).",
    ]) { ctl, arg in
        guard arg.isEmpty else {
            ctl.fail("Error: top takes no arguments")
            ctl.printHelp("top")
            return
        }
        guard try ctl.upcheck() else { return }
        let connection = try StreamRequest.open(ctl.session, path: "/api/v1/events?resources=1")
        defer { connection.close() }
        var screen = TopScreen(connection: connection)
        try screen.readHead()
        if screen.status == 401 { throw RPCFailure.httpStatus(code: 401, reason: screen.reason) }
        guard screen.status == 200 else {
            ctl.fail("top needs this project's supervisord: \(ctl.session.serverURL) has no live events "
                     + "(/api/v1/events answered HTTP \(screen.status))")
            return
        }
        if let problem = try screen.run() { ctl.fail(problem) }
    }
}

/// The terminal side of `top`: the stream's response, the table, the keys.
private struct TopScreen {
    let connection: Connection
    private var http = HTTPResponseParser()
    private var events = ServerSentEvents()
    private var table = TopTable()
    private var readsKeys = true
    /// A `resources` message has come.
    private var sampled = false

    init(connection: Connection) {
        self.connection = connection
    }

    var status: Int { http.status }
    var reason: String { http.reason }

    /// Reads until the status line and headers are in (the body's start is kept).
    mutating func readHead() throws {
        while !http.headersComplete {
            let data = try connection.receive()
            if data.isEmpty {
                try http.finish()
                return
            }
            try receive(data)
        }
    }

    /// Shows the table until `q`, Ctrl-C or the end of the stream (then says why, after
    /// the terminal is restored). The terminal gets its alternate screen and raw keys.
    mutating func run() throws -> String? {
        let outcome = Terminal.withRawMode(0) {
            Output.write("\u{1B}[?1049h\u{1B}[?25l")
            defer {
                Output.write("\u{1B}[?25h\u{1B}[?1049l")
                Output.flush()
            }
            // The first frame comes with the first sample, which the daemon sends at once
            // (it may have come with the response's head).
            if sampled { draw() }
            return Result { try Interrupt.blockedExceptWhileWaiting { waiting in try loop(waiting: &waiting) } }
        }
        return try outcome.get()
    }

    /// Waits for the stream and the keys; Ctrl-C is let in only while waiting (as in `tail -f`).
    private mutating func loop(waiting: inout sigset_t) throws -> String? {
        while true {
            do {
                try Interrupt.check()
            } catch {
                return nil
            }
            var fds = [pollfd(fd: connection.fd, events: Int16(POLLIN), revents: 0)]
            if readsKeys { fds.append(pollfd(fd: 0, events: Int16(POLLIN), revents: 0)) }
            if sv_ppoll(&fds, nfds_t(fds.count), &waiting) < 0 {
                guard errno == EINTR else { return "top: \(String(cString: strerror(errno)))" }
                continue
            }
            if fds[0].revents != 0 {
                let data = try connection.receive()
                if data.isEmpty || http.isComplete { return "top: supervisord ended the event stream" }
                try receive(data)
                if sampled { draw() }
            }
            if readsKeys, fds[1].revents != 0, try !pressed() { return nil }
        }
    }

    private mutating func receive(_ data: [UInt8]) throws {
        var body: [UInt8] = []
        try http.feed(data) { body.append(contentsOf: $0) }
        for message in events.feed(body) where message.event == "resources" {
            if let data = try? JSONParser.parse(Array(message.data.utf8)), table.update(from: data) { sampled = true }
        }
    }

    /// Reads the keys pressed; false when one of them quits.
    private mutating func pressed() throws -> Bool {
        var keys = [UInt8](repeating: 0, count: 64)
        let count = keys.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
        guard count > 0 else {
            // End of input (not a terminal): the table goes on until Ctrl-C.
            if count == 0 { readsKeys = false }
            return true
        }
        for key in keys[..<count] {
            let character = Character(Unicode.Scalar(key))
            if character == "q" || character == "Q" || key == 3 { return false }
            if let order = TopTable.Order(rawValue: Character(character.lowercased())) {
                table.order = order
                if sampled { draw() }
            }
        }
        return true
    }

    private func draw() {
        let lines = table.lines(width: Terminal.width, height: Terminal.height)
        // Home, each line cleared to its end, then the rest of the screen cleared.
        Output.write("\u{1B}[H" + lines.map { $0 + "\u{1B}[K" }.joined(separator: "\r\n") + "\u{1B}[J")
        Output.flush()
    }
}
