import NIOCore
import SupervisorCore
import XMLRPC

/// Routes XML-RPC calls to the `supervisor.*` and `system.*` methods. The HTTP layer hands
/// every call here; this runs it on the supervisor's event loop, the one owner of state.
public final class RPCDispatcher {
    private let supervisor: Supervisor
    /// Owns the objects whose methods the table holds.
    private let supervisorNamespace: SupervisorNamespace
    private var methods: [String: RPCMethod] = [:]

    public init(supervisor: Supervisor) {
        self.supervisor = supervisor
        supervisorNamespace = SupervisorNamespace(supervisor: supervisor)
        for method in supervisorNamespace.methods { methods["supervisor." + method.name] = method }
        for method in systemMethods { methods["system." + method.name] = method }
    }

    /// An answer as the wire takes it: a response, or a success to write straight out.
    enum Answer {
        case response(XMLRPCResponse)
        case encoded(EncodedValue)
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
    func answer(_ request: XMLRPCRequest) -> EventLoopFuture<Answer> {
        let loop = supervisor.eventLoop
        return loop.flatSubmit { [self] in
            let result: RPCResult
            do {
                result = try call(request.methodName, request.params)
            } catch {
                return loop.makeSucceededFuture(.response(Self.response(for: error)))
            }
            switch result {
            case .value(let value):
                return loop.makeSucceededFuture(.response(.success(value)))
            case .encoded(let encoded):
                return loop.makeSucceededFuture(.encoded(encoded))
            case .deferred(let future):
                return future.map { .response(.success($0)) }.recover { .response(Self.response(for: $0)) }
            }
        }
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
                .value(.array(methods.keys.sorted().map { .string($0) }))
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
