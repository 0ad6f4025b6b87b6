/// A label set an `ExpositionWriter` rendered once (`name="value",…`, values escaped) and
/// copies into every sample that carries it: a process's `group` and `process` go on a
/// dozen series. A plain range of the writer's label bytes, so a scrape's loops copy it
/// for free.
struct MetricLabels {
    let bytes: Range<Int>

    static let none = MetricLabels(bytes: 0..<0)

    var isEmpty: Bool { bytes.isEmpty }
}
