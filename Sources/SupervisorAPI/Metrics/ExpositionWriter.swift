/// Writes metric families in the Prometheus text format or OpenMetrics into one byte
/// array, as the values are read (nothing is kept between scrapes). Counters are named
/// without `_total`: the writer puts it where each format wants it (OpenMetrics names
/// the family without it, the Prometheus format with it; samples have it in both). A
/// family's header is written with its first sample, so a family without samples leaves
/// nothing.
struct ExpositionWriter {
    enum Kind: String {
        case gauge
        case counter
    }

    let format: ExpositionFormat
    private var output: [UInt8] = []
    private var pendingHeader: [UInt8] = []
    private var sampleName: [UInt8] = []

    init(format: ExpositionFormat, capacity: Int = 4096) {
        self.format = format
        output.reserveCapacity(capacity)
    }

    /// Starts a family; its samples follow.
    mutating func family(_ name: String, _ kind: Kind, help: String) {
        let counter = kind == .counter
        let headerName = counter && format == .prometheus ? name + "_total" : name
        pendingHeader = Array("# HELP \(headerName) ".utf8)
        for byte in help.utf8 {
            switch byte {
            case UInt8(ascii: "\\"): pendingHeader += #"\\"#.utf8
            case UInt8(ascii: "\n"): pendingHeader += #"\n"#.utf8
            case UInt8(ascii: "\"") where format == .openMetrics: pendingHeader += #"\""#.utf8
            default: pendingHeader.append(byte)
            }
        }
        pendingHeader += "\n# TYPE \(headerName) \(kind.rawValue)\n".utf8
        sampleName = Array((counter ? name + "_total" : name).utf8)
    }

    mutating func sample(_ labels: MetricLabels = .none, _ more: MetricLabels = .none, value: Int) {
        writeName(labels, more)
        // Short enough to be a small string: no allocation.
        output += String(value).utf8
        output.append(UInt8(ascii: "\n"))
    }

    mutating func sample(_ labels: MetricLabels = .none, _ more: MetricLabels = .none, value: Double) {
        if value.isFinite, value.rounded() == value, abs(value) < 1e15 {
            sample(labels, more, value: Int(value))
            return
        }
        writeName(labels, more)
        switch value {
        case .infinity: output += "+Inf".utf8
        case -.infinity: output += "-Inf".utf8
        case _ where value.isNaN: output += "NaN".utf8
        default: output += value.description.utf8
        }
        output.append(UInt8(ascii: "\n"))
    }

    /// The document, with OpenMetrics's closing `# EOF`.
    consuming func finish() -> [UInt8] {
        if format == .openMetrics { output += "# EOF\n".utf8 }
        return output
    }

    private mutating func writeName(_ labels: MetricLabels, _ more: MetricLabels) {
        if !pendingHeader.isEmpty {
            output += pendingHeader
            pendingHeader = []
        }
        output += sampleName
        if !labels.isEmpty || !more.isEmpty {
            output.append(UInt8(ascii: "{"))
            output += labels.rendered
            if !labels.isEmpty && !more.isEmpty { output.append(UInt8(ascii: ",")) }
            output += more.rendered
            output.append(UInt8(ascii: "}"))
        }
        output.append(UInt8(ascii: " "))
    }
}
