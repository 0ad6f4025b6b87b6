import SupervisorCommon

/// `depends_on` (extension) across programs, once every group is built: each name must be a
/// program (the `x` of a `[program:x]`, `[fcgi-program:x]` or `[eventlistener:x]`) other than
/// the program itself, and no chain of dependencies may lead back to where it started, or
/// nothing on it could ever start.
struct DependencyCheck {
    private static let programPrefixes = ["program:", "fcgi-program:", "eventlistener:"]

    let document: IniDocument
    let reader: (String) -> SectionReader

    func check(_ groups: [GroupConfig]) throws {
        // Program names in file order, each with its section for the place of an error: the one
        // that has depends_on when sections of two types share a name.
        var programs: [String] = []
        var sections: [String: String] = [:]
        for name in document.sectionNames where Self.programPrefixes.contains(where: name.hasPrefix) {
            let program = ProgramSection.suffix(of: name).trimmingWhitespace()
            guard let earlier = sections[program] else {
                programs.append(program)
                sections[program] = name
                continue
            }
            if document.entry(earlier, "depends_on") == nil { sections[program] = name }
        }
        var dependencies: [String: [String]] = [:]
        for process in groups.flatMap(\.processes) {
            for dependency in process.dependsOn.map(\.program)
            where !(dependencies[process.programName]?.contains(dependency) ?? false) {
                dependencies[process.programName, default: []].append(dependency)
            }
        }
        for program in programs {
            for dependency in dependencies[program] ?? [] {
                if dependency == program {
                    throw error("depends_on names the program itself (\(program))", program, sections)
                }
                guard sections[dependency] != nil else {
                    let suggestion = TypoSuggestion.nearest(to: dependency, among: Set(programs))
                    throw error("depends_on names unknown program \(pythonRepr(dependency))"
                                    + (suggestion.map { " (did you mean \($0)?)" } ?? ""), program, sections)
                }
            }
        }
        if let cycle = Self.firstCycle(programs, dependencies) {
            // The last program before the repeated one has the dependency that closes it.
            throw error("depends_on makes a cycle: " + cycle.joined(separator: " -> "), cycle[cycle.count - 2],
                        sections)
        }
    }

    /// The first cycle met going through the programs in file order, as the names along it with
    /// the first one again at the end (`a -> b -> a`).
    private static func firstCycle(_ programs: [String], _ dependencies: [String: [String]]) -> [String]? {
        var finished: Set<String> = []
        var path: [String] = []
        func visit(_ program: String) -> [String]? {
            if let start = path.firstIndex(of: program) { return path[start...] + [program] }
            if finished.contains(program) { return nil }
            path.append(program)
            for dependency in dependencies[program] ?? [] {
                if let cycle = visit(dependency) { return cycle }
            }
            path.removeLast()
            finished.insert(program)
            return nil
        }
        for program in programs {
            if let cycle = visit(program) { return cycle }
        }
        return nil
    }

    /// At the program's `depends_on` key, naming its section as other program errors do. Only
    /// programs with a section have dependencies, so `sections` has the program.
    private func error(_ message: String, _ program: String, _ sections: [String: String]) -> ConfigError {
        let section = reader(sections[program]!)
        var error = section.error(message, key: "depends_on")
        error.section = section.errorSection
        return error
    }
}
