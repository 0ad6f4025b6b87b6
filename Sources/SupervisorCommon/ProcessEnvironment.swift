import Glibc

/// This process's environment variables, read from `environ` each time (so changes show).
public enum ProcessEnvironment {
    /// In `environ` order; an entry without `=` is skipped.
    public static func variables() -> [(name: String, value: String)] {
        var result: [(name: String, value: String)] = []
        var cursor = environ
        while let entry = cursor.pointee {
            let text = String(cString: entry)
            if let equals = text.firstIndex(of: "=") {
                result.append((String(text[..<equals]), String(text[text.index(after: equals)...])))
            }
            cursor += 1
        }
        return result
    }

    /// By name; of repeated names the last wins.
    public static func dictionary() -> [String: String] {
        var result: [String: String] = [:]
        for (name, value) in variables() { result[name] = value }
        return result
    }
}
