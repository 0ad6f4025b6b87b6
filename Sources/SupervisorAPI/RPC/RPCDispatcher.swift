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
        let promise = loop.makePromise(of: Answer.self)
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

    /// Finds and calls a method; the reference accepts exactly `namespace.method` names.
    func call(_ name: String, _ params: [XMLRPCValue]) throws -> RPCResult {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[1].hasPrefix("_"), let method = methods[name] else {
            throw RPCFault(.unknownMethod)
        }
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
                return .deferred(multicall(calls[...], results: []))
            },
        ]
    }

    /// Runs the calls in order, each waiting for the previous one (a start that waits).
    private func multicall(_ calls: ArraySlice<XMLRPCValue>, results: [XMLRPCValue]) -> EventLoopFuture<XMLRPCValue> {
        let loop = supervisor.eventLoop
        guard let call = calls.first else { return loop.makeSucceededFuture(.array(results)) }
        let rest = calls.dropFirst()
        let outcome: EventLoopFuture<XMLRPCValue>
        do {
            guard case .string(let name)? = call["methodName"] else { throw RPCFault(.incorrectParameters, "No methodName") }
            if name == "system.multicall" { throw RPCFault(.incorrectParameters, "Recursive system.multicall forbidden") }
            var arguments: [XMLRPCValue] = []
            if let given = call["params"] {
                guard case .array(let list) = given else { throw RPCFault(.incorrectParameters) }
                arguments = list
            }
            switch try self.call(name, arguments) {
            case .value(let value): outcome = loop.makeSucceededFuture(value)
            case .encoded(let encoded): outcome = loop.makeSucceededFuture(encoded.value())
            case .deferred(let future): outcome = future
            }
        } catch {
            outcome = loop.makeFailedFuture(error)
        }
        return outcome
            .recover { error in
                let fault = RPCFault(error)
                return .struct([("faultCode", .int(fault.code.rawValue)), ("faultString", .string(fault.text))])
            }
            .assumeIsolated()
            .flatMap { [self] value in multicall(rest, results: results + [value]) }
            .nonisolated()
    }
}
