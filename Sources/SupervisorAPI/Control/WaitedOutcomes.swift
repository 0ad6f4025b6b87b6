/// The outcomes of a batch's waited-for processes, in process order, as they arrive:
/// one completion for the lot (a future per process cost more than stopping it).
final class WaitedOutcomes {
    private var entries: [ProcessOutcome?] = []
    private var missing = 0
    private var completion: (([ProcessOutcome]) -> Void)?

    var count: Int { entries.count }

    /// Reserves the next entry; returns its index for `record`.
    func expectOne() -> Int {
        entries.append(nil)
        missing += 1
        return entries.count - 1
    }

    func record(_ entry: ProcessOutcome, at index: Int) {
        entries[index] = entry
        missing -= 1
        completeIfDone()
    }

    /// Calls `completion` once every reserved entry is recorded (at once if they are).
    func whenComplete(_ completion: @escaping ([ProcessOutcome]) -> Void) {
        self.completion = completion
        completeIfDone()
    }

    private func completeIfDone() {
        guard missing == 0, let completion else { return }
        self.completion = nil
        completion(entries.map { $0! })
    }
}
