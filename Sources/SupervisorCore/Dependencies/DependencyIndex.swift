import SupervisorCommon
import SupervisorConfig

/// The loaded processes by program name and who depends on whom (`depends_on`), kept as
/// groups are added and removed. Answers whether a process may be spawned, which
/// waiting processes to look at again when a program changes state, and the order in
/// which stops must happen (dependents before what they depend on).
final class DependencyIndex {
    private var processesByProgram: [String: [Subprocess]] = [:]
    /// Processes whose `depends_on` names the program.
    private var dependentsByProgram: [String: [Subprocess]] = [:]

    /// Whether any loaded process has dependencies; without any, nothing here is consulted.
    var isEmpty: Bool { dependentsByProgram.isEmpty }

    func add(_ group: ProcessGroup) {
        for process in group.processes {
            processesByProgram[process.config.programName, default: []].append(process)
            for dependency in process.config.dependsOn {
                dependentsByProgram[dependency.program, default: []].append(process)
            }
        }
    }

    func remove(_ group: ProcessGroup) {
        for process in group.processes {
            let program = process.config.programName
            processesByProgram[program]?.removeAll { $0 === process }
            if processesByProgram[program]?.isEmpty == true { processesByProgram[program] = nil }
            for dependency in process.config.dependsOn {
                dependentsByProgram[dependency.program]?.removeAll { $0 === process }
                if dependentsByProgram[dependency.program]?.isEmpty == true {
                    dependentsByProgram[dependency.program] = nil
                }
            }
        }
    }

    /// The processes that depend on `program`.
    func dependents(of program: String) -> [Subprocess] {
        dependentsByProgram[program] ?? []
    }

    func status(of process: Subprocess) -> DependencyStatus {
        var waiting: [String] = []
        for dependency in process.config.dependsOn {
            guard let processes = processesByProgram[dependency.program] else { return .missing(dependency.program) }
            for candidate in processes {
                if let failed = Self.failure(of: candidate, for: dependency.condition) {
                    return .failed(program: dependency.program, state: failed)
                }
            }
            if !processes.allSatisfy({ Self.meets(dependency.condition, $0) }) { waiting.append(dependency.program) }
        }
        return waiting.isEmpty ? .met : .waiting(waiting)
    }

    /// The dependencies of `process` that are at rest without meeting their condition:
    /// what a start of `process` starts first.
    func dependenciesToStart(of process: Subprocess) -> [Subprocess] {
        process.config.dependsOn.flatMap { dependency in
            (processesByProgram[dependency.program] ?? []).filter { candidate in
                candidate.state.isStopped && !candidate.isRestartPending && !Self.meets(dependency.condition, candidate)
            }
        }
    }

    static func meets(_ condition: Dependency.Condition, _ process: Subprocess) -> Bool {
        switch condition {
        case .running: process.state == .running
        case .completed: process.state == .exited && process.exitedAsExpected
        }
    }

    /// The state that rules `condition` out for good, if `process` is in one.
    private static func failure(of process: Subprocess, for condition: Dependency.Condition) -> ProcessState? {
        switch (condition, process.state) {
        case (_, .fatal): .fatal
        case (.completed, .exited) where !process.exitedAsExpected && !process.isRestartPending: .exited
        default: nil
        }
    }

    /// How many layers of dependents stand above each process's program: 0 for a program
    /// nothing (loaded) depends on. Stops go by ascending level, so dependents stop first.
    func stopLevels() -> [ObjectIdentifier: Int] {
        var levelByProgram: [String: Int] = [:]
        var visiting: Set<String> = []
        func level(_ program: String) -> Int {
            if let known = levelByProgram[program] { return known }
            // A cycle made of groups added from different configs: cut it here.
            guard visiting.insert(program).inserted else { return 0 }
            defer { visiting.remove(program) }
            let above = dependents(of: program).map { level($0.config.programName) + 1 }.max() ?? 0
            levelByProgram[program] = above
            return above
        }
        var levels: [ObjectIdentifier: Int] = [:]
        for (program, processes) in processesByProgram {
            let programLevel = isEmpty ? 0 : level(program)
            for process in processes { levels[ObjectIdentifier(process)] = programLevel }
        }
        return levels
    }
}
