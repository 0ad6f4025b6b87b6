/// Labels written once and reused for every sample that carries them (a process's
/// `group` and `process` go on a dozen series): `name="value",…`, values escaped.
struct MetricLabels {
    private(set) var rendered: [UInt8] = []

    static let none = MetricLabels()

    private init() {}

    /// Label names are the caller's constants; values are escaped as both formats want:
    /// backslash, double quote and line feed.
    init(_ pairs: KeyValuePairs<String, String>) {
        for (name, value) in pairs {
            if !rendered.isEmpty { rendered.append(UInt8(ascii: ",")) }
            rendered += name.utf8
            rendered += #"=""#.utf8
            for byte in value.utf8 {
                switch byte {
                case UInt8(ascii: "\\"): rendered += #"\\"#.utf8
                case UInt8(ascii: "\""): rendered += #"\""#.utf8
                case UInt8(ascii: "\n"): rendered += #"\n"#.utf8
                default: rendered.append(byte)
                }
            }
            rendered.append(UInt8(ascii: "\""))
        }
    }

    var isEmpty: Bool { rendered.isEmpty }
}
