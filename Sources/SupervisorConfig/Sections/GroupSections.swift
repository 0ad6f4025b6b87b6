/// Builds every process group: `[group:x]` sections first, then the programs they do not claim,
/// event listener pools and FastCGI programs, finally ordered by priority and name.
struct GroupSections {
    let document: IniDocument
    let hostName: String
    /// Reads a section with the expansions every section gets.
    let reader: (String) -> SectionReader

    func groups(warnings: inout [String], budget: inout ProcessBudget) throws -> [GroupConfig] {
        var groups: [GroupConfig] = []
        var claimed: Set<String> = []
        for name in document.sectionNames where name.hasPrefix("group:") {
            groups.append(try heterogeneousGroup(reader(name), claimed: &claimed, warnings: &warnings,
                                                 budget: &budget))
        }
        for name in document.sectionNames where name.hasPrefix("program:") && !claimed.contains(name) {
            groups.append(try homogeneousGroup(reader(name), warnings: &warnings, budget: &budget))
        }
        for name in document.sectionNames where name.hasPrefix("eventlistener:") {
            groups.append(try eventListenerPool(reader(name), warnings: &warnings, budget: &budget))
        }
        for name in document.sectionNames where name.hasPrefix("fcgi-program:") && !claimed.contains(name) {
            groups.append(try fastCGIGroup(reader(name), warnings: &warnings, budget: &budget))
        }
        return unique(stableSorted(groups), warnings: &warnings)
    }

    private func heterogeneousGroup(_ reader: SectionReader, claimed: inout Set<String>,
                                    warnings: inout [String], budget: inout ProcessBudget) throws -> GroupConfig {
        let section = reader.offeringHere(to: nil)
        let groupName = try ProgramSection.programName(section)
        let programs = try section.value("programs", default: [], ValueParsers.listOfStrings)
        let priority = try section.value("priority", default: 999, ValueParsers.integer)
        var processes: [ProcessConfig] = []
        // The reference names the previous member's section in these messages, not the group's.
        var named = section.name
        for program in programs {
            let candidates = ["program:" + program, "fcgi-program:" + program].filter(document.has)
            guard let member = candidates.first else {
                throw section.error("[\(named)] names unknown program or fcgi-program \(program)", key: "programs")
            }
            if candidates.count > 1 {
                throw section.error("[\(named)] name \(program) is ambiguous (exists as program and fcgi-program)",
                                    key: "programs")
            }
            named = member
            claimed.insert(member)
            let program = ProgramSection(self.reader(member), groupName: groupName, hostName: hostName)
            processes += try program.processes(warnings: &warnings, budget: &budget)
        }
        try checkUniqueProcessNames(processes, section)
        return GroupConfig(name: groupName, priority: priority, processes: processes)
    }

    private func homogeneousGroup(_ reader: SectionReader, warnings: inout [String],
                                  budget: inout ProcessBudget) throws -> GroupConfig {
        let section = reader.offeringHere(to: nil)
        let name = try ProgramSection.programName(section)
        let priority = try section.value("priority", default: 999, ValueParsers.integer)
        let processes = try ProgramSection(section, groupName: name, hostName: hostName)
            .processes(warnings: &warnings, budget: &budget)
        try checkUniqueProcessNames(processes, section)
        return GroupConfig(name: name, priority: priority, processes: processes)
    }

    private func eventListenerPool(_ reader: SectionReader, warnings: inout [String],
                                   budget: inout ProcessBudget) throws -> GroupConfig {
        let section = reader.offeringHere(to: nil)
        // Unlike other groups, the reference takes a pool's name as written, unchecked and untrimmed.
        let name = ProgramSection.suffix(of: section.name)
        // Listeners start first and stop last unless told otherwise.
        let priority = try section.value("priority", default: -1, ValueParsers.integer)
        let bufferSize = try section.value("buffer_size", default: 10, ValueParsers.integer)
        if bufferSize < 1 {
            throw section.error("[\(section.name)] section sets invalid buffer_size (\(bufferSize))", key: "buffer_size")
        }
        let handler = try section.string("result_handler", default: EventListenerPoolConfig.defaultResultHandler)
        if handler != EventListenerPoolConfig.defaultResultHandler {
            throw section.error("\(handler) cannot be resolved within [\(section.name)]: Python import paths are "
                                    + "not supported, only \(EventListenerPoolConfig.defaultResultHandler)",
                                key: "result_handler")
        }
        var events: [String] = []
        for event in try section.value("events", default: [], ValueParsers.listOfStrings)
        where !events.contains(event.uppercased()) {
            events.append(event.uppercased())
        }
        if events.isEmpty { throw section.error("[\(section.name)] section requires an \"events\" line") }
        for event in events where EventType(rawValue: event) == nil {
            throw section.error("Unknown event type \(event) in [\(section.name)] events", key: "events")
        }
        if try section.value("redirect_stderr", default: false, ValueParsers.boolean) {
            throw section.error("[\(section.name)] section sets redirect_stderr=true but this is not allowed "
                                    + "because it will interfere with the eventlistener protocol",
                                key: "redirect_stderr")
        }
        let processes = try ProgramSection(section, groupName: name, hostName: hostName)
            .processes(warnings: &warnings, budget: &budget)
        try checkUniqueProcessNames(processes, section)
        return GroupConfig(name: name, priority: priority,
                           kind: .eventListenerPool(EventListenerPoolConfig(events: events, bufferSize: bufferSize)),
                           processes: processes)
    }

    private func fastCGIGroup(_ reader: SectionReader, warnings: inout [String],
                              budget: inout ProcessBudget) throws -> GroupConfig {
        let section = reader.offeringHere(to: nil)
        let name = try ProgramSection.programName(section)
        let priority = try section.value("priority", default: 999, ValueParsers.integer)
        let socket = try FastCGISocketConfig.read(section, programName: name)
        let processes = try ProgramSection(section, groupName: name, hostName: hostName)
            .processes(warnings: &warnings, budget: &budget)
        try checkUniqueProcessNames(processes, section)
        return GroupConfig(name: name, priority: priority, kind: .fastCGI(socket), processes: processes)
    }

    /// Two processes of one name in a group could not be told apart by any command; the
    /// reference silently keeps only the last.
    private func checkUniqueProcessNames(_ processes: [ProcessConfig], _ section: SectionReader) throws {
        var seen: Set<String> = []
        for process in processes where !seen.insert(process.name).inserted {
            throw section.error("[\(section.name)] defines more than one process named \(process.name)")
        }
    }

    private func stableSorted(_ groups: [GroupConfig]) -> [GroupConfig] {
        groups.enumerated().sorted { a, b in
            if a.element.priority != b.element.priority { return a.element.priority < b.element.priority }
            let (nameA, nameB) = (Array(a.element.name.utf8), Array(b.element.name.utf8))
            if nameA != nameB { return nameA.lexicographicallyPrecedes(nameB) }
            return a.offset < b.offset
        }.map(\.element)
    }

    /// The reference's daemon keeps the first group of a name and ignores later ones.
    private func unique(_ groups: [GroupConfig], warnings: inout [String]) -> [GroupConfig] {
        var seen: Set<String> = []
        return groups.filter { group in
            if seen.insert(group.name).inserted { return true }
            warnings.append("more than one group is named \(group.name); only the first is used")
            return false
        }
    }
}
