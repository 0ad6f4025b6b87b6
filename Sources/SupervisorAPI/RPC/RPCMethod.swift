import NIOCore
import SupervisorCommon
import XMLRPC

/// What a method returns: a value now, or later (a start that waits for RUNNING), or a
/// large value written straight into the response.
enum RPCResult {
    case value(XMLRPCValue)
    case deferred(EventLoopFuture<XMLRPCValue>)
    case encoded(EncodedValue)
}

/// A large result (getAllProcessInfo: thousands of structs) written straight into the
/// response body instead of being built as values first; `value` builds them for the
/// callers that need values (system.multicall, the web page).
struct EncodedValue {
    /// A guess of the encoded size (ResponseBody's capacity).
    let sizeHint: Int
    let write: (inout ResponseBody) -> Void
    let value: () -> XMLRPCValue
}

/// One published method: its name, documentation and handler.
struct RPCMethod {
    let name: String
    /// Return type first, then parameter types, as `system.methodSignature` reports.
    let signature: [String]
    let help: String
    /// How many parameters may be omitted from the end (they have defaults).
    let optionalCount: Int
    /// A method the reference does not have: it answers, with its help and signature, but
    /// `system.listMethods` leaves it out so that list stays the reference's.
    let isExtension: Bool
    let handler: (RPCParameters) throws -> RPCResult

    init(_ name: String, _ signature: [String], optional: Int = 0, extension isExtension: Bool = false, help: String,
         _ handler: @escaping (RPCParameters) throws -> RPCResult) {
        self.name = name
        self.signature = signature
        self.help = help
        self.optionalCount = optional
        self.isExtension = isExtension
        self.handler = handler
    }

    var parameterCount: Int { signature.count - 1 }
}

/// Positional parameters with typed access; a wrong type or count is INCORRECT_PARAMETERS,
/// where the reference would raise a TypeError.
struct RPCParameters {
    let values: [XMLRPCValue]

    func string(_ index: Int) throws -> String {
        guard index < values.count else { throw RPCFault(.incorrectParameters) }
        switch values[index] {
        case .string(let text): return text
        case .base64(let bytes): return String(decoding: bytes, as: UTF8.self)
        default: throw RPCFault(.incorrectParameters)
        }
    }

    func int(_ index: Int) throws -> Int {
        guard index < values.count else { throw RPCFault(.incorrectParameters) }
        switch values[index] {
        case .int(let number): return number
        case .bool(let flag): return flag ? 1 : 0
        case .double(let number) where number.isFinite: return Int(number)
        case .string(let text):
            // The reference calls int() on offsets and lengths, which accepts numeric strings.
            guard let number = Int(text.trimmingWhitespace()) else { throw RPCFault(.incorrectParameters) }
            return number
        default: throw RPCFault(.incorrectParameters)
        }
    }

    /// Python truthiness for flags such as `wait`, with a default when omitted.
    func flag(_ index: Int, default defaultValue: Bool) -> Bool {
        guard index < values.count else { return defaultValue }
        switch values[index] {
        case .bool(let flag): return flag
        case .int(let number): return number != 0
        case .double(let number): return number != 0
        case .string(let text): return !text.isEmpty
        case .array(let items): return !items.isEmpty
        case .struct(let members): return !members.isEmpty
        case .base64(let bytes): return !bytes.isEmpty
        case .dateTime: return true
        case .nil: return false
        }
    }
}
