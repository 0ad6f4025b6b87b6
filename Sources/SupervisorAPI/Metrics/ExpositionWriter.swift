import NIOCore

/// Writes metric families in the Prometheus text format or OpenMetrics into one byte
/// buffer, as the values are read (nothing is kept between scrapes). Counters are named
/// without `_total`: the writer puts it where each format wants it (OpenMetrics names
/// the family without it, the Prometheus format with it; samples have it in both). A
/// family's header is written with its first sample, so a family without samples leaves
/// nothing. Label sets are rendered once (`labels`) and copied into each sample.
///
/// A scrape writes tens of thousands of samples: each line is put together on the stack
/// through pointers and added to the buffer in one copy.
struct ExpositionWriter {
    enum Kind: String {
        case gauge
        case counter
    }

    let format: ExpositionFormat
    private var output: ByteBuffer
    /// Every label set rendered so far, one after the other.
    private var labelBytes: [UInt8] = []
    private var pendingHeader: [UInt8] = []
    private var sampleName: [UInt8] = []

    init(format: ExpositionFormat, capacity: Int = 4096) {
        self.format = format
        output = ByteBufferAllocator().buffer(capacity: capacity)
    }

    /// Renders a label set. Names are the caller's constants; values are escaped as both
    /// formats want: backslash, double quote and line feed.
    mutating func labels(_ pairs: KeyValuePairs<String, String>) -> MetricLabels {
        let start = labelBytes.count
        for (name, value) in pairs {
            if labelBytes.count > start { labelBytes.append(UInt8(ascii: ",")) }
            labelBytes += name.utf8
            labelBytes += #"=""#.utf8
            for byte in value.utf8 {
                switch byte {
                case UInt8(ascii: "\\"): labelBytes += #"\\"#.utf8
                case UInt8(ascii: "\""): labelBytes += #"\""#.utf8
                case UInt8(ascii: "\n"): labelBytes += #"\n"#.utf8
                default: labelBytes.append(byte)
                }
            }
            labelBytes.append(UInt8(ascii: "\""))
        }
        return MetricLabels(bytes: start..<labelBytes.count)
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
            case UInt8(ascii: "\""): pendingHeader += format == .openMetrics ? #"\""#.utf8 : #"""#.utf8
            default: pendingHeader.append(byte)
            }
        }
        pendingHeader += "\n# TYPE \(headerName) \(kind.rawValue)\n".utf8
        sampleName = Array((counter ? name + "_total" : name).utf8)
    }

    mutating func sample(_ labels: MetricLabels = .none, _ more: MetricLabels = .none, value: Int) {
        line(labels, more) { $0.decimal(value) }
    }

    mutating func sample(_ labels: MetricLabels = .none, _ more: MetricLabels = .none, value: Double) {
        if value.isFinite, value.rounded() == value, abs(value) < 1e15 {
            sample(labels, more, value: Int(value))
            return
        }
        let text = switch value {
        case .infinity: "+Inf"
        case -.infinity: "-Inf"
        case _ where value.isNaN: "NaN"
        default: value.description
        }
        line(labels, more) { cursor in
            var text = text
            text.withUTF8 { cursor.copy(UnsafeRawBufferPointer($0)) }
        }
    }

    /// The document, with OpenMetrics's closing `# EOF`.
    consuming func finish() -> ByteBuffer {
        if format == .openMetrics { output.writeString("# EOF\n") }
        return output
    }

    /// Writes `name{labels,more} value\n`, the value written by `value` (at most 32 bytes).
    private mutating func line(_ labels: MetricLabels, _ more: MetricLabels, value: (inout LineCursor) -> Void) {
        if !pendingHeader.isEmpty {
            output.writeBytes(pendingHeader)
            pendingHeader = []
        }
        let length = sampleName.count + labels.bytes.count + more.bytes.count + 3 + 1 + 32 + 1
        withUnsafeTemporaryAllocation(byteCount: length, alignment: 1) { line in
            var cursor = LineCursor(base: line.baseAddress!)
            sampleName.withUnsafeBytes { cursor.copy($0) }
            if !labels.isEmpty || !more.isEmpty {
                labelBytes.withUnsafeBytes { rendered in
                    cursor.byte(UInt8(ascii: "{"))
                    cursor.copy(UnsafeRawBufferPointer(rebasing: rendered[labels.bytes]))
                    if !labels.isEmpty && !more.isEmpty { cursor.byte(UInt8(ascii: ",")) }
                    cursor.copy(UnsafeRawBufferPointer(rebasing: rendered[more.bytes]))
                    cursor.byte(UInt8(ascii: "}"))
                }
            }
            cursor.byte(UInt8(ascii: " "))
            value(&cursor)
            cursor.byte(UInt8(ascii: "\n"))
            output.writeBytes(UnsafeRawBufferPointer(rebasing: line[..<cursor.count]))
        }
    }
}
