import NIOCore
import NIOHTTP1
import SupervisorCommon
import SupervisorCore

/// `GET /api/v1/events`: Server-Sent Events for programs. The journal's numbered events
/// (after a `Last-Event-ID`, those missed first), then live ones; with `?logs=NAME,…` the
/// log lines of those processes, with `?resources=1` a `resources` message with the latest
/// figures (at once, or after the first round when this client starts the sampling) and
/// after every sampling round (sampling runs only while such a client is connected).
struct LiveEventStream {
    let supervisor: Supervisor
    let journal: EventJournal

    func reply(_ request: HTTPRequest) -> HTTPReply {
        let query = FormEncoding.decode(request.query)
        let lastID: Int?
        switch request.headers.first(name: "last-event-id").map({ Int($0.trimmingWhitespace()) }) {
        case nil: lastID = nil
        case .some(nil): return Self.badRequest("Last-Event-ID must be an event id (a number)")
        case .some(let id?): lastID = id
        }
        let wantsResources: Bool
        switch query["resources"] {
        case nil, "0", "false": wantsResources = false
        case "1", "true": wantsResources = true
        case let other?: return Self.badRequest("resources must be 1 or 0, not \(other)")
        }
        let followed: [Subprocess]
        do {
            followed = try logProcesses(query["logs"])
        } catch {
            return Self.unknownName(error)
        }
        let supervisor = supervisor, journal = journal
        return .stream(contentType: "text/event-stream", initial: Array(ServerSentEvent.retry.utf8)) { send in
            let sendText = { (text: String) in send(Array(text.utf8)) }
            if let lastID {
                let replay = journal.replay(after: lastID)
                sendText((replay.lost ?? "") + replay.entries.map(\.message).joined())
            }
            let listening = journal.listen { sendText($0.message) }
            let logFollowers = followed.flatMap { Self.followLog(of: $0, into: sendText) }
            var sampling: Int?
            if wantsResources {
                // The first message comes with the latest round, or with the first one when
                // this client starts the sampling.
                sampling = supervisor.resources.watch { sendText(ResourceReport.message(supervisor)) }
            }
            return {
                journal.stopListening(listening)
                for stop in logFollowers { stop() }
                if let sampling { supervisor.resources.unwatch(sampling) }
            }
        }
    }

    /// The processes `logs=web,pool:*` names (a group spec means all its processes).
    private func logProcesses(_ list: String?) throws(ControlError) -> [Subprocess] {
        guard let list else { return [] }
        let lookup = ProcessLookup(supervisor: supervisor)
        var processes: [Subprocess] = []
        for spec in list.split(separator: ",").map(String.init) {
            let (group, process) = try lookup.resolve(spec)
            processes += process.map { [$0] } ?? group.processes.sorted { $0.name < $1.name }
        }
        return processes
    }

    /// Sends the process's logged lines as `log` messages; returns what stops it (one per
    /// stream with a log file).
    private static func followLog(of process: Subprocess, into send: @escaping (String) -> Void) -> [() -> Void] {
        [OutputChannel.stdout, .stderr].compactMap { stream in
            guard let file = process.logs.file(stream) else { return nil }
            let fields = EventJournal.processFields(process) + [("stream", JSON.string(stream.rawValue))]
            var splitter = LogLineSplitter()
            let token = file.addObserver { bytes in
                for line in splitter.lines(bytes) {
                    var text: [UInt8] = [UInt8(ascii: "\"")]
                    line.withUnsafeBytes { _ = JSONString.appendEscaped($0, to: &text) }
                    text.append(UInt8(ascii: "\""))
                    send(ServerSentEvent.message("log", JSON.object(fields + [("data", String(decoding: text, as: UTF8.self))])))
                }
            }
            return { file.removeObserver(token) }
        }
    }

    private static func badRequest(_ message: String) -> HTTPReply {
        APIError(.badArguments, message).reply
    }

    private static func unknownName(_ error: ControlError) -> HTTPReply {
        APIError(error, noun: "process").reply
    }
}
