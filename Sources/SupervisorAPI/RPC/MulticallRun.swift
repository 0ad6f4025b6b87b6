import NIOCore
import XMLRPC

/// One `system.multicall`: runs its calls in order, a slice at a time, and gives the event
/// loop back between slices, so other clients are served while a large one runs. A call
/// that answers later (a start that waits) holds the rest until it does; the others answer
/// at once and chain nothing. A failed call is a {faultCode, faultString} struct among the
/// results, as the reference returns it.
final class MulticallRun {
    /// A slice ends after this many calls or this long, whichever comes first: what
    /// another request waits behind a multicall (cheap calls such as getState take
    /// microseconds, getAllProcessInfo with thousands of processes milliseconds).
    static let sliceCalls = 256
    static let sliceDuration = TimeAmount.milliseconds(5)
    /// Between slices: longer than the loop takes to finish its turn, short enough that
    /// 10,000 calls (40 slices) wait for it about 2 ms in all.
    static let yieldDelay = TimeAmount.microseconds(50)

    typealias Call = (_ name: String, _ params: [XMLRPCValue]) throws -> RPCResult

    private let calls: [XMLRPCValue]
    private let call: Call
    private let loop: EventLoop
    private let promise: EventLoopPromise<XMLRPCValue>
    private var results: [XMLRPCValue] = []
    private var next = 0

    private init(calls: [XMLRPCValue], loop: EventLoop, call: @escaping Call) {
        self.calls = calls
        self.call = call
        self.loop = loop
        promise = loop.makePromise()
        results.reserveCapacity(calls.count)
    }

    /// Runs `calls` on `loop` (the caller is on it); the future has the array of results.
    static func start(_ calls: [XMLRPCValue], on loop: EventLoop, call: @escaping Call) -> EventLoopFuture<XMLRPCValue> {
        let run = MulticallRun(calls: calls, loop: loop, call: call)
        run.runSlice()
        return run.promise.futureResult
    }

    private func runSlice() {
        let sliceEnd = NIODeadline.now() + Self.sliceDuration
        let firstOfNextSlice = next + Self.sliceCalls
        while next < calls.count {
            if next == firstOfNextSlice || NIODeadline.now() >= sliceEnd {
                yieldToIO()
                return
            }
            let index = next
            next += 1
            switch outcome(of: calls[index]) {
            case .success(.value(let value)):
                results.append(value)
            case .success(.encoded(let encoded)):
                results.append(encoded.value())
            case .success(.deferred(let future)):
                // Resumed from a task of its own, not from inside whoever completes the
                // future (a state change being published), which must not run the rest.
                future.assumeIsolated().whenComplete { result in
                    switch result {
                    case .success(let value): self.results.append(value)
                    case .failure(let error): self.results.append(Self.fault(error))
                    }
                    self.yieldToIO()
                }
                return
            case .failure(let error):
                results.append(Self.fault(error))
            }
        }
        promise.succeed(.array(results))
    }

    /// Runs the next slice after the loop has handled what is ready on its sockets. A task
    /// given to `execute` would not do: the loop runs every task that is ready, also those
    /// queued meanwhile, before it looks at the sockets again; one due a moment from now
    /// lets it look first.
    private func yieldToIO() {
        loop.assumeIsolated().scheduleTask(in: Self.yieldDelay) { self.runSlice() }
    }

    private func outcome(of entry: XMLRPCValue) -> Result<RPCResult, Error> {
        Result {
            guard case .string(let name)? = entry["methodName"] else { throw RPCFault(.incorrectParameters, "No methodName") }
            if name == "system.multicall" { throw RPCFault(.incorrectParameters, "Recursive system.multicall forbidden") }
            var arguments: [XMLRPCValue] = []
            if let given = entry["params"] {
                guard case .array(let list) = given else { throw RPCFault(.incorrectParameters) }
                arguments = list
            }
            return try call(name, arguments)
        }
    }

    private static func fault(_ error: Error) -> XMLRPCValue {
        let fault = RPCFault(error)
        return .struct([("faultCode", .int(fault.code.rawValue)), ("faultString", .string(fault.text))])
    }
}
