/// Why a body could not be read as XML or as XML-RPC. The message is short and
/// safe to log; it never echoes the offending input.
public struct XMLRPCError: Error, Equatable, CustomStringConvertible, Sendable {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
