import Glibc
import SupervisorConfig

/// Environment variables in first-set order, later values replacing earlier ones in place.
struct OrderedEnvironment {
    private(set) var variables: [EnvironmentVariable] = []
    private var index: [String: Int] = [:]

    init(_ initial: [EnvironmentVariable] = []) {
        for variable in initial { set(variable.name, variable.value) }
    }

    mutating func set(_ name: String, _ value: String) {
        if let position = index[name] {
            variables[position].value = value
        } else {
            index[name] = variables.count
            variables.append(EnvironmentVariable(name: name, value: value))
        }
    }
}

/// The daemon's own environment, read at spawn time as the reference does.
public enum DaemonEnvironment {
    public static func current() -> [EnvironmentVariable] {
        var result: [EnvironmentVariable] = []
        var cursor = environ
        while let entry = cursor.pointee {
            let text = String(cString: entry)
            if let equals = text.firstIndex(of: "=") {
                result.append(EnvironmentVariable(name: String(text[..<equals]), value: String(text[text.index(after: equals)...])))
            }
            cursor += 1
        }
        return result
    }

    public static func dictionary() -> [String: String] {
        var result: [String: String] = [:]
        for variable in current() { result[variable.name] = variable.value }
        return result
    }
}
