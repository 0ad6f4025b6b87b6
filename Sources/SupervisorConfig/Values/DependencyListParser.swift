import SupervisorCommon

/// `depends_on = db, migrate:completed, cache:running` (extension): program names, each with an
/// optional condition (`running` when left out), separated by commas or whitespace. Whether the
/// names are programs is checked once every section is read (`DependencyCheck`).
enum DependencyListParser {
    static func dependencies(_ text: String) throws(InvalidValue) -> [Dependency] {
        let invalid = { (reason: String) in InvalidValue("invalid depends_on value \(pythonRepr(text)): \(reason)") }
        var dependencies: [Dependency] = []
        for item in text.split(whereSeparator: { $0 == "," || $0.isWhitespace }) {
            let parts = item.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            let program = String(parts[0])
            guard !program.isEmpty else { throw invalid("\(pythonRepr(String(item))) names no program") }
            var condition = Dependency.Condition.running
            if parts.count == 2 {
                guard let named = Dependency.Condition(rawValue: parts[1].lowercased()) else {
                    let conditions = Dependency.Condition.allCases.map(\.rawValue).joined(separator: " or ")
                    throw invalid("unknown condition \(pythonRepr(String(parts[1]))) for \(program) "
                                      + "(expected \(conditions))")
                }
                condition = named
            }
            guard !dependencies.contains(where: { $0.program == program }) else {
                throw invalid("\(program) is named more than once")
            }
            dependencies.append(Dependency(program: program, condition: condition))
        }
        return dependencies
    }
}
