import NIOCore
import NIOHTTP1
import NIOPosix
import SupervisorCommon
import SupervisorCore

/// The JSON API under `/api/v1/` (docs/api.md, OpenAPIDocument): one route in the table,
/// answering every method; a thin adapter over the control layer, as XML-RPC is. Every
/// answer that is not 2xx is an `APIError`'s JSON.
struct JSONAPIRoutes {
    let supervisor: Supervisor

    private var controller: ProcessController { ProcessController(supervisor: supervisor) }
    private var lookup: ProcessLookup { controller.lookup }
    private var loop: EventLoop { supervisor.eventLoop }

    func reply(to request: HTTPRequest) -> EventLoopFuture<HTTPReply> {
        let answer: EventLoopFuture<HTTPReply>
        do {
            answer = try self.answer(request)
        } catch {
            return now(APIError(any: error).reply)
        }
        return answer.assumeIsolated().recover { APIError(any: $0).reply }.nonisolated()
    }

    /// The endpoint's answer; what it throws (an `APIError`, or a `ControlError` the
    /// control layer refused with) becomes the error reply.
    private func answer(_ request: HTTPRequest) throws -> EventLoopFuture<HTTPReply> {
        guard let segments = Endpoint.segments(of: request.path) else { throw APIError.noRoute(request.method, request.path) }
        guard let endpoint = Endpoint(segments, method: request.method) else {
            let allowed = Endpoint.methods(at: segments)
            if allowed.isEmpty { throw APIError.noRoute(request.method, request.path) }
            throw APIError.methodNotAllowed(request.method, request.path, allowed: allowed)
        }
        let arguments = APIArguments(request)
        switch endpoint {
        case .processes: return list()
        case .process(let name): return try reply(.ok, with: process(name))
        case .processAction(let name, let action): return try act(action, on: process(name), arguments)
        case .processLog(let name, let stream): return now(try ProcessLogSlice.reply(process(name), stream, arguments))
        case .allProcesses(let action): return try batch(action, lookup.byPriority, arguments)
        case .groups: return now(groups())
        case .groupAction(let name, let action): return try batch(action, group(name).processesByPriority, arguments)
        case .reload: return try reload(arguments)
        case .daemon: return now(daemon(.ok))
        case .daemonAction(let action):
            try arguments.noBody()
            switch action {
            case .shutdown: try controller.shutdown()
            case .restart: try controller.restartDaemon()
            }
            return now(daemon(.accepted))
        case .document: return now(.full(.ok, contentType: "application/json", body: OpenAPIDocument.bytes))
        }
    }

    // MARK: - Processes

    private func process(_ name: String) throws(APIError) -> Subprocess {
        do throws(ControlError) {
            return try lookup.process(name)
        } catch {
            throw APIError(error, noun: "process")
        }
    }

    private func group(_ name: String) throws(APIError) -> ProcessGroup {
        do throws(ControlError) {
            return try lookup.group(name)
        } catch {
            throw APIError(error, noun: "group")
        }
    }

    /// Every process, by group then name (getAllProcessInfo's order). /proc is read on a
    /// pool thread (with thousands of processes it is most of the work), the list written
    /// on the loop.
    private func list() -> EventLoopFuture<HTTPReply> {
        let pids = supervisor.livePids
        let trees = NIOThreadPool.singleton.runIfActive(eventLoop: loop) { ResourceReadings.trees(of: pids) }
        return trees.assumeIsolated().map { trees in
            let processes = lookup.lexical
            let now = WallClock.now()
            // About 700 bytes per process.
            var json = JSONWriter(capacity: 256 + 768 * processes.count)
            json.beginArray()
            for process in processes {
                ProcessJSON.write(process, now: now, usage: process.pid == 0 ? nil : trees[process.pid], into: &json)
            }
            json.endArray()
            return HTTPReply.full(.ok, contentType: "application/json", body: json.finish())
        }.nonisolated()
    }

    /// One process as it is now (its tree read here: one walk is cheap).
    private func reply(_ status: HTTPResponseStatus, with process: Subprocess) -> EventLoopFuture<HTTPReply> {
        now(processReply(status, process))
    }

    private func processReply(_ status: HTTPResponseStatus, _ process: Subprocess) -> HTTPReply {
        let usage = process.pid == 0 ? nil : ResourceReadings.trees(of: [process.pid])[process.pid]
        var json = JSONWriter()
        ProcessJSON.write(process, now: WallClock.now(), usage: usage, into: &json)
        return .full(status, contentType: "application/json", body: json.finish())
    }

    /// An action on one process, answered with the process: 200 once done, 202 at once with `?wait=false`.
    private func act(_ action: Endpoint.ProcessAction, on process: Subprocess,
                     _ arguments: APIArguments) throws -> EventLoopFuture<HTTPReply> {
        let spec = ProcessLookup.namespec(process)
        switch action {
        case .start, .stop:
            try arguments.noBody()
            let wait = try arguments.wait()
            let arrival = action == .start ? try controller.start(process, spec: spec, wait: wait)
                                           : try controller.stop(process, spec: spec, wait: wait)
            switch arrival {
            case .now: return reply(wait ? .ok : .accepted, with: process)
            case .later(let arrived): return afterArrival(arrived) { processReply(.ok, process) }
            }
        case .restart:
            try arguments.noBody()
            let wait = try arguments.wait()
            try controller.ensureRunning()
            let restarted = controller.restart(spec)
            guard wait else { return reply(.accepted, with: process) }
            return afterArrival(restarted) { processReply(.ok, process) }
        case .clear:
            try arguments.noBody()
            try controller.clearLogs(spec)
        case .signal:
            let signal = try arguments.members(["signal"])["signal"]!
            let text: String
            switch signal {
            case .string(let name): text = name
            case .number(let number) where Int(exactly: number) != nil: text = String(Int(number))
            default: throw APIError(.badSignal, "signal must be a name or a number, not \(signal.kind)")
            }
            try controller.signal(process, spec: spec, signal: text)
        case .stdin:
            guard case .string(let data) = try arguments.members(["data"])["data"]! else {
                throw APIError(.incorrectParameters, "data must be a string")
            }
            try controller.sendStdin(spec, Array(data.utf8))
        }
        return reply(.ok, with: process)
    }

    /// The reply made on the loop's turn after `arrived` succeeds: a process arrives at its
    /// state change, and the transition (a stop's exit bookkeeping, its pid cleared) ends first.
    private func afterArrival(_ arrived: EventLoopFuture<Void>, _ make: @escaping () -> HTTPReply) -> EventLoopFuture<HTTPReply> {
        let reply = loop.makePromise(of: HTTPReply.self)
        let loop = loop
        arrived.assumeIsolated().whenComplete { result in
            switch result {
            case .success: loop.assumeIsolated().execute { reply.assumeIsolated().succeed(make()) }
            case .failure(let error): reply.fail(error)
            }
        }
        return reply.futureResult
    }

    /// An action on several processes, answered with their outcomes: 200 once every one
    /// is done, 202 at once with `?wait=false`.
    private func batch(_ action: Endpoint.BatchAction, _ processes: [Subprocess],
                       _ arguments: APIArguments) throws -> EventLoopFuture<HTTPReply> {
        try arguments.noBody()
        let wait = try arguments.wait()
        try controller.ensureRunning()
        let outcome = switch action {
        case .start: controller.startAll(processes, wait: wait)
        case .stop: controller.stopAll(processes, wait: wait)
        case .restart: controller.restartAll(processes, wait: wait)
        }
        switch outcome {
        case .now(let outcomes): return now(Self.outcomes(wait ? .ok : .accepted, outcomes))
        case .later(let outcomes): return outcomes.assumeIsolated().map { Self.outcomes(.ok, $0) }.nonisolated()
        }
    }

    private static func outcomes(_ status: HTTPResponseStatus, _ outcomes: [ProcessOutcome]) -> HTTPReply {
        var json = JSONWriter(capacity: 128 * outcomes.count + 2)
        json.beginArray()
        for outcome in outcomes { ProcessJSON.write(outcome, into: &json) }
        json.endArray()
        return .full(status, contentType: "application/json", body: json.finish())
    }

    // MARK: - Groups, configuration and the daemon

    private func groups() -> HTTPReply {
        var json = JSONWriter()
        json.beginArray()
        for group in supervisor.orderedGroups { ProcessJSON.write(group, into: &json) }
        json.endArray()
        return .full(.ok, contentType: "application/json", body: json.finish())
    }

    /// Reread and update: the differences, once applied.
    private func reload(_ arguments: APIArguments) throws -> EventLoopFuture<HTTPReply> {
        try arguments.noBody()
        return try controller.update().assumeIsolated().map { difference in
            var json = JSONWriter()
            json.beginObject()
            json.member("added", strings: difference.added)
            json.member("changed", strings: difference.changed)
            json.member("removed", strings: difference.removed)
            json.endObject()
            return HTTPReply.full(.ok, contentType: "application/json", body: json.finish())
        }.nonisolated()
    }

    private func daemon(_ status: HTTPResponseStatus) -> HTTPReply {
        var json = JSONWriter()
        ProcessJSON.writeDaemon(supervisor, into: &json)
        return .full(status, contentType: "application/json", body: json.finish())
    }

    private func now(_ reply: HTTPReply) -> EventLoopFuture<HTTPReply> {
        loop.assumeIsolated().makeSucceededFuture(reply)
    }
}
