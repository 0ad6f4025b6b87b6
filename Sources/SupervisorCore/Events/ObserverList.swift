/// Callbacks registered under a token, called in registration order; an observer may
/// remove itself (or others) while being called. Loop-owned, like its owner.
public struct ObserverList<Argument> {
    private var entries: [(token: Int, observer: (Argument) -> Void)] = []
    private var nextToken = 0

    public init() {}

    public var isEmpty: Bool { entries.isEmpty }

    /// Registers `observer`; returns the token for `remove`.
    public mutating func add(_ observer: @escaping (Argument) -> Void) -> Int {
        nextToken += 1
        entries.append((nextToken, observer))
        return nextToken
    }

    public mutating func remove(_ token: Int) {
        entries.removeAll { $0.token == token }
    }

    public mutating func removeAll() {
        entries.removeAll()
    }

    /// Calls every observer registered when the call began.
    public func notify(_ argument: Argument) {
        for entry in entries { entry.observer(argument) }
    }
}
