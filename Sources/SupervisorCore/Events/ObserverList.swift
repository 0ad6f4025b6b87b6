/// Callbacks registered under tokens and called in registration order; a token removes
/// its callback. A class, so a callback may add or remove callbacks while `notify` runs
/// (those registered when it started are the ones called).
public final class ObserverList<Argument> {
    private var entries: [(token: Int, observer: (Argument) -> Void)] = []
    private var nextToken = 0

    public init() {}

    /// Returns the token for `remove`.
    @discardableResult
    public func add(_ observer: @escaping (Argument) -> Void) -> Int {
        nextToken += 1
        entries.append((nextToken, observer))
        return nextToken
    }

    public func remove(_ token: Int) {
        entries.removeAll { $0.token == token }
    }

    public var isEmpty: Bool { entries.isEmpty }

    public func removeAll() {
        entries.removeAll()
    }

    public func notify(_ argument: Argument) {
        for entry in entries { entry.observer(argument) }
    }
}
