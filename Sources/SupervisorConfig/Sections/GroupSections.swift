/// Builds every process group: `[group:x]` sections first, then the programs they do not claim,
/// event listener pools and FastCGI programs, finally ordered by priority and name.
struct GroupSections {
    let document: IniDocument
    let hostName: String
    /// Reads a section with the expansions every section gets.
    let reader: (String) -> SectionReader

    func groups(warnings: inout [String]) throws -> [GroupConfig] {
        var groups: [GroupConfig] = []
        var claimed: Set<String> = []
        for name in document.sectionNames where name.hasPrefix("group:") {
            groups.append(try heterogeneousGroup(reader(name), claimed: &claimed, warnings: &warnings))
        }
        for name in document.sectionNames where name.hasPrefix("program:") && !claimed.contains(name) {
            groups.append(try homogeneousGroup(reader(name), warnings: &warnings))
        }
        for name in document.sectionNames where name.hasPrefix("eventlistener:") {
            groups.append(try eventListenerPool(reader(name), warnings: &warnings))
        }
        for name in document.sectionNames where name.hasPrefix("fcgi-program:") && !claimed.contains(name) {
            groups.append(try fastCGIGroup(reader(name), warnings: &warnings))
        }
        return unique(stableSorted(groups), warnings: &warnings)
    }

    private func heterogeneousGroup(_ section: SectionReader, claimed: inout Set<String>,
                                    warnings: inout [String]) throws -> GroupConfig {
        let groupName = try ProgramSection.programName(section)
        let programs = try section.value("programs", default: [], ValueParsers.listOfStrings)
        let priority = try section.value("priority", default: 999, ValueParsers.integer)
        var processes: [ProcessConfig] = []
        for program in programs {
            let candidates = ["program:" + program, "fcgi-program:" + program].filter(document.has)
            guard let member = candidates.first else {
                throw section.error("names '\(program)', but there is no [program:\(program)] or "
                                        + "[fcgi-program:\(program)]", key: "programs")
            }
            if candidates.count > 1 {
                throw section.error("'\(program)' is ambiguous: both [program:\(program)] and "
                                        + "[fcgi-program:\(program)] exist", key: "programs")
            }
            claimed.insert(member)
            let program = try ProgramSection(reader(member), groupName: groupName, hostName: hostName)
            processes += try program.processes(warnings: &warnings)
        }
        try checkUniqueProcessNames(processes, section)
        return GroupConfig(name: groupName, priority: priority, processes: processes)
    }

    private func homogeneousGroup(_ section: SectionReader, warnings: inout [String]) throws -> GroupConfig {
        let program = try ProgramSection(section, groupName: ProgramSection.programName(section), hostName: hostName)
        let priority = try section.value("priority", default: 999, ValueParsers.integer)
        let processes = try program.processes(warnings: &warnings)
        try checkUniqueProcessNames(processes, section)
        return GroupConfig(name: program.programName, priority: priority, processes: processes)
    }

    private func eventListenerPool(_ section: SectionReader, warnings: inout [String]) throws -> GroupConfig {
        let program = try ProgramSection(section, groupName: ProgramSection.programName(section), hostName: hostName)
        // Listeners start first and stop last unless told otherwise.
        let priority = try section.value("priority", default: -1, ValueParsers.integer)
        let bufferSize = try section.value("buffer_size", default: 10, ValueParsers.integer)
        if bufferSize < 1 {
            throw section.error("must be at least 1 (it is \(bufferSize))", key: "buffer_size")
        }
        let handler = try section.string("result_handler", default: EventListenerPoolConfig.defaultResultHandler)
        if handler.trimmingWhitespace() != EventListenerPoolConfig.defaultResultHandler {
            throw section.error("'\(handler)' is not supported: Python import paths cannot be loaded here; only "
                                    + EventListenerPoolConfig.defaultResultHandler + " is available",
                                key: "result_handler")
        }
        let events = try section.value("events", default: [], ValueParsers.listOfStrings).map { $0.uppercased() }
        if events.isEmpty { throw section.error("an [eventlistener:x] section needs an events key") }
        for event in events where !EventTypeNames.all.contains(event) {
            throw section.error("unknown event type '\(event)'", key: "events")
        }
        if try section.value("redirect_stderr", default: false, ValueParsers.boolean) {
            throw section.error("redirect_stderr=true is not allowed for an event listener: its stdout "
                                    + "carries the listener protocol", key: "redirect_stderr")
        }
        let processes = try program.processes(warnings: &warnings)
        try checkUniqueProcessNames(processes, section)
        var unique: [String] = []
        for event in events where !unique.contains(event) { unique.append(event) }
        let pool = EventListenerPoolConfig(events: unique, bufferSize: bufferSize)
        return GroupConfig(name: program.programName, priority: priority, kind: .eventListenerPool(pool),
                           processes: processes)
    }

    private func fastCGIGroup(_ section: SectionReader, warnings: inout [String]) throws -> GroupConfig {
        let program = try ProgramSection(section, groupName: ProgramSection.programName(section), hostName: hostName)
        let priority = try section.value("priority", default: 999, ValueParsers.integer)
        let socket = try FastCGISocketConfig.read(section, programName: program.programName)
        let processes = try program.processes(warnings: &warnings)
        try checkUniqueProcessNames(processes, section)
        return GroupConfig(name: program.programName, priority: priority, kind: .fastCGI(socket),
                           processes: processes)
    }

    /// Two processes of one name in a group could not be told apart by any command.
    private func checkUniqueProcessNames(_ processes: [ProcessConfig], _ section: SectionReader) throws {
        var seen: Set<String> = []
        for process in processes where !seen.insert(process.name).inserted {
            throw section.error("defines more than one process named '\(process.name)'")
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
            warnings.append("more than one group is named '\(group.name)'; only the first is used")
            return false
        }
    }
}
