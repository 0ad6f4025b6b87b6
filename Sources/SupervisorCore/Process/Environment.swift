import Glibc
import SupervisorCommon
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
        ProcessEnvironment.variables().map { EnvironmentVariable(name: $0.name, value: $0.value) }
    }
}
