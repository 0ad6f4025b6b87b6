/// The last `capacity` elements appended, oldest first: appending to a full buffer drops
/// the oldest. For bounded histories (the live event journal, resource samples).
public struct RingBuffer<Element> {
    public let capacity: Int
    private var storage: [Element] = []
    /// Where the oldest element is once the storage is full.
    private var head = 0

    public init(capacity: Int) {
        precondition(capacity > 0, "a ring buffer holds at least one element")
        self.capacity = capacity
    }

    public var count: Int { storage.count }
    public var isEmpty: Bool { storage.isEmpty }

    public mutating func append(_ element: Element) {
        if storage.count < capacity {
            storage.append(element)
        } else {
            storage[head] = element
            head = (head + 1) % capacity
        }
    }

    /// The oldest element held.
    public var first: Element? { storage.isEmpty ? nil : storage[head % storage.count] }

    /// The newest element held.
    public var last: Element? { storage.isEmpty ? nil : storage[(head + storage.count - 1) % storage.count] }

    /// Every element, oldest first.
    public var elements: [Element] { Array(storage[head...] + storage[..<head]) }

    /// Drops the oldest elements while `isExpired` says so.
    public mutating func removeOldest(while isExpired: (Element) -> Bool) {
        guard let oldest = first, isExpired(oldest) else { return }
        let ordered = elements
        let kept = ordered.drop(while: isExpired)
        guard kept.count < ordered.count else { return }
        storage = Array(kept)
        head = 0
    }

    public mutating func removeAll() {
        storage.removeAll()
        head = 0
    }
}
