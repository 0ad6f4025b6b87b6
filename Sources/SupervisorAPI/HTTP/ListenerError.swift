/// Why the daemon could not listen where its config says, as the reference words it.
public struct ListenerError: Error, CustomStringConvertible {
    public let description: String
}
