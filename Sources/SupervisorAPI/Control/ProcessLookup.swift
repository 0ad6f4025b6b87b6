import SupervisorCommon
import SupervisorCore

/// Resolves `name`, `group:name`, `group:*` and `group:` as the reference does.
struct ProcessLookup {
    let supervisor: Supervisor

    /// The group and, unless the spec names a whole group, the process.
    func resolve(_ spec: String) throws(ControlError) -> (ProcessGroup, Subprocess?) {
        let (groupName, processName) = Namespec.split(spec)
        guard let group = supervisor.groups[groupName] else { throw .badName(spec) }
        guard let processName else { return (group, nil) }
        guard let process = group.process(named: processName) else { throw .badName(spec) }
        return (group, process)
    }

    func process(_ spec: String) throws(ControlError) -> Subprocess {
        guard let process = try resolve(spec).1 else { throw .badName(spec) }
        return process
    }

    func group(_ name: String) throws(ControlError) -> ProcessGroup {
        guard let group = supervisor.groups[name] else { throw .badName(name) }
        return group
    }

    /// `name` when the process is alone in a group of its name, else `group:name`.
    static func namespec(_ process: Subprocess) -> String {
        Namespec.format(group: process.group.name, name: process.name)
    }

    /// Every process, groups by priority then processes by priority (start/stop order).
    var byPriority: [Subprocess] {
        supervisor.orderedGroups.flatMap(\.processesByPriority)
    }

    /// Every process, groups then processes by name (status listings).
    var lexical: [Subprocess] {
        supervisor.groups.keys.sorted().flatMap { name in
            supervisor.groups[name]!.processes.sorted { $0.name < $1.name }
        }
    }
}
