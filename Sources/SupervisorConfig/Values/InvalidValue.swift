/// A value that does not parse. Messages read exactly as the reference's (tools and tests match
/// on them); the section reader adds where the value was written.
public struct InvalidValue: Error, Equatable, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
}
