import SupervisorCommon

/// The values of the extension keys that are not durations (those are `SecondsParser`'s):
/// one wording for every key, `invalid KEY value 'TEXT': expected ...`.
enum ExtensionValueParsers {
    /// A decimal written plainly (`10`, `0.5`, `.25`): `Double()` would also take `1e3`,
    /// `0x10`, `inf` and `nan`.
    static func plainDecimal(_ text: String) -> Double? {
        let trimmed = text.trimmingWhitespace()
        let digits = trimmed.filter { $0 != "." }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
              trimmed.count - digits.count <= 1 else { return nil }
        return Double(trimmed)
    }

    /// One of an enumeration's raw values, case-insensitive (`healthcheck_action`, `cgroups`, ...).
    static func choice<Choice: RawRepresentable & CaseIterable>(_ text: String, key: String) throws(InvalidValue)
        -> Choice where Choice.RawValue == String {
        guard let choice = Choice(rawValue: text.trimmingWhitespace().lowercased()) else {
            let choices = Choice.allCases.map(\.rawValue).joined(separator: ", ")
            throw InvalidValue("invalid \(key) value \(pythonRepr(text)): expected one of \(choices)")
        }
        return choice
    }

    /// `startretries`: the reference's integer (with its error), or `infinite` (any case) for `Int.max`.
    static func startRetries(_ text: String) throws(InvalidValue) -> Int {
        if text.trimmingWhitespace().lowercased() == "infinite" { return Int.max }
        return try ValueParsers.integer(text)
    }

    /// A size as `*_maxbytes` take it (bytes, or with a `KB`, `MB` or `GB` suffix), above 0.
    static func positiveByteSize(_ text: String, key: String) throws(InvalidValue) -> Int {
        guard let bytes = try? ValueParsers.byteSize(text), bytes > 0 else {
            throw InvalidValue("invalid \(key) value \(pythonRepr(text)): expected a size above 0 in bytes, "
                                   + "or with a KB, MB or GB suffix, such as 512MB")
        }
        return bytes
    }

    /// `cpu_max`: a percentage of one CPU above 0 (`50%`, `150%` for one and a half CPUs), as a
    /// share (0.5, 1.5). At most a million percent (ten thousand CPUs): more is a typo.
    static func cpuShare(_ text: String) throws(InvalidValue) -> Double {
        let trimmed = text.trimmingWhitespace()
        guard trimmed.hasSuffix("%"), let percent = plainDecimal(String(trimmed.dropLast())),
              percent > 0, percent <= 1_000_000 else {
            throw InvalidValue("invalid cpu_max value \(pythonRepr(text)): expected a percentage of one CPU "
                                   + "above 0, such as 50% or 150%")
        }
        return percent / 100
    }

    /// `pids_max`: 1 or more.
    static func pidsMax(_ text: String) throws(InvalidValue) -> Int {
        guard let count = try? ValueParsers.integer(text), count >= 1 else {
            throw InvalidValue("invalid pids_max value \(pythonRepr(text)): expected a whole number of processes, "
                                   + "1 or more")
        }
        return count
    }

    /// `*_logfile_maxage`: a whole number above 0 and a unit, `s`, `m`, `h` or `d` (`7d`, `12h`), in
    /// seconds; `none` for no limit. At most a billion seconds (31 years): more is a typo.
    static func maxAge(_ text: String, key: String) throws(InvalidValue) -> Int? {
        let trimmed = text.trimmingWhitespace().lowercased()
        if trimmed == "none" { return nil }
        let units: [Character: Int] = ["s": 1, "m": 60, "h": 3600, "d": 86400]
        let digits = trimmed.dropLast()
        guard let unit = trimmed.last.flatMap({ units[$0] }), !digits.isEmpty,
              digits.allSatisfy({ $0.isASCII && $0.isNumber }), let count = Int(digits), count > 0,
              count <= 1_000_000_000 / unit else {
            throw InvalidValue("invalid \(key) value \(pythonRepr(text)): expected a whole number above 0 followed "
                                   + "by s, m, h or d (seconds, minutes, hours, days), such as 7d, or none")
        }
        return count * unit
    }

    /// `environment_file`: comma-separated paths, each optional when written with a leading `-`.
    static func environmentFiles(_ text: String) throws(InvalidValue) -> [EnvironmentFile] {
        try ValueParsers.listOfStrings(text.trimmingWhitespace()).map { (item) throws(InvalidValue) in
            let isOptional = item.hasPrefix("-")
            let path = isOptional ? String(item.dropFirst()).trimmingWhitespace() : item
            guard !path.isEmpty else {
                throw InvalidValue("invalid environment_file value \(pythonRepr(text)): expected file paths "
                                       + "separated by commas, each with an optional leading -")
            }
            return EnvironmentFile(path: path, isOptional: isOptional)
        }
    }
}
