/// A failure before any child exists; `message` becomes the process's spawnerr.
public struct SpawnFailure: Error, Sendable {
    public enum Kind: Sendable { case notFound, notExecutable, other }
    public let message: String
    public var kind: Kind = .other

    public init(message: String, kind: Kind = .other) {
        self.message = message
        self.kind = kind
    }
}
