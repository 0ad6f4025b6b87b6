/// One reading of a process tree's CPU and resident memory, taken by `ResourceSampler`.
/// Compact (16 bytes): ten minutes of these are kept for every process while sampling.
public struct ResourceSample: Equatable, Sendable {
    /// Wall-clock seconds of the reading.
    public let time: Double
    private let percent: Float
    private let residentKiB: UInt32

    public init(time: Double, cpuPercent: Double?, residentBytes: Int) {
        self.time = time
        percent = cpuPercent.map(Float.init) ?? .nan
        residentKiB = UInt32(clamping: residentBytes / 1024)
    }

    /// CPU use of the tree since the reading before, in percent of one core (above 100 when
    /// it uses several); nil for the first reading of a child.
    public var cpuPercent: Double? { percent.isNaN ? nil : Double(percent) }

    public var residentBytes: Int { Int(residentKiB) * 1024 }
}
