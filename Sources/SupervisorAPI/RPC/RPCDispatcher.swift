import NIOCore
import SupervisorCommon
import SupervisorCore
import XMLRPC

/// Routes XML-RPC calls to the `supervisor.*` and `system.*` methods. The HTTP layer hands
/// every call here; this runs it on the supervisor's event loop, the one owner of state.
public final class RPCDispatcher {
    private let supervisor: Supervisor
    /// Owns the objects whose methods the table holds.
    private let supervisorNamespace: SupervisorNamespace
    private var methods: [String: RPCMethod] = [:]
    /// Counts the requests answered (`supervisord_rpc_requests_total`).
    private let activity: DaemonActivity

    public init(supervisor: Supervisor, activity: DaemonActivity) {
        self.supervisor = supervisor
        self.activity = activity
        supervisorNamespace = SupervisorNamespace(supervisor: supervisor)
        for method in supervisorNamespace.methods { methods["supervisor." + method.name] = method }
        for method in systemMethods { methods["system." + method.name] = method }
    }

    /// An answer as the wire takes it: a response, or a success to write straight out.
    enum Answer {
        case response(XMLRPCResponse)
        case encoded(EncodedValue)

        /// `ok`, or the fault's name (`BAD_NAME`).
        var outcome: String {
            guard case .response(.fault(let code, _)) = self else { return "ok" }
            return FaultCode(rawValue: code)?.name ?? String(code)
        }
    }

    /// Answers one request; faults are responses, never errors of the future.
    public func handle(_ request: XMLRPCRequest) -> EventLoopFuture<XMLRPCResponse> {
        answer(request).map { answer in
            switch answer {
            case .response(let response): return response
            case .encoded(let encoded): return .success(encoded.value())
            }
        }
    }

    /// Like `handle`, for the HTTP server: large results stay unbuilt until written.
    /// Counted by method (a name that is no method as `unknown`, so callers cannot make
    /// series without end) and outcome.
    func answer(_ request: XMLRPCRequest) -> EventLoopFuture<Answer> {
        let loop = supervisor.eventLoop
        let promise = loop.makePromise(of: Answer.self)
        let method = methods[request.methodName] == nil ? "unknown" : request.methodName
        promise.futureResult.assumeIsolated().whenSuccess { [activity] answer in
            activity.answered(method: method, outcome: answer.outcome)
        }
        loop.assumeIsolated().execute { [self] in
            let answered = promise.assumeIsolated()
            let result: RPCResult
            do {
                result = try call(request.methodName, request.params)
            } catch {
                answered.succeed(.response(Self.response(for: error)))
                return
            }
            switch result {
            case .value(let value):
                answered.succeed(.response(.success(value)))
            case .encoded(let encoded):
                answered.succeed(.encoded(encoded))
            case .deferred(let future):
                future.assumeIsolated().whenComplete { outcome in
                    switch outcome {
                    case .success(let value): answered.succeed(.response(.success(value)))
                    case .failure(let error): answered.succeed(.response(Self.response(for: error)))
                    }
                }
            }
        }
        return promise.futureResult
    }

    private static func response(for error: Error) -> XMLRPCResponse {
        RPCFault(error).response
    }

    /// Finds and calls a method; the reference accepts exactly `namespace.method` names,
    /// which are the table's keys (no method name starts with `_`).
    func call(_ name: String, _ params: [XMLRPCValue]) throws -> RPCResult {
        guard let method = methods[name] else { throw RPCFault(.unknownMethod) }
        let required = method.parameterCount - method.optionalCount
        guard params.count >= required, params.count <= method.parameterCount else {
            throw RPCFault(.incorrectParameters)
        }
        return try method.handler(RPCParameters(values: params))
    }

    // MARK: - system.*

    private var systemMethods: [RPCMethod] {
        [
            RPCMethod("listMethods", ["array"], help: "Return an array listing the available method names.") { [unowned self] _ in
                .value(.array(methods.filter { !$0.value.isExtension }.keys.sorted().map { .string($0) }))
            },
            RPCMethod("methodHelp", ["string", "string"], help: "Return a string showing the method's documentation.") { [unowned self] params in
                guard let method = methods[try params.string(0)] else { throw RPCFault(.signatureUnsupported) }
                return .value(.string(method.help))
            },
            RPCMethod("methodSignature", ["array", "string"], help: "Return an array describing the method signature: [rtype, ptype, ptype...].") { [unowned self] params in
                guard let method = methods[try params.string(0)] else { throw RPCFault(.signatureUnsupported) }
                return .value(.array(method.signature.map { .string($0) }))
            },
            RPCMethod("multicall", ["array", "array"], help: "Process an array of calls, and return an array of results; faults are {faultCode, faultString} structs.") { [unowned self] params in
                guard case .array(let calls) = params.values[0] else { throw RPCFault(.incorrectParameters) }
                return .deferred(MulticallRun.start(calls, on: supervisor.eventLoop) { [unowned self] name, arguments in
                    try call(name, arguments)
                })
            },
        ]
    }
}
