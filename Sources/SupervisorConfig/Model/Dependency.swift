/// One entry of `depends_on=` (extension): a program whose processes must meet a
/// condition before this one is spawned.
public struct Dependency: Equatable, Sendable {
    /// What the dependency's processes must have done.
    public enum Condition: String, Equatable, Sendable, CaseIterable {
        /// RUNNING (for a program with `ready=`, its readiness check passed).
        case running
        /// Exited with one of its `exitcodes` (one-shot jobs such as migrations).
        case completed
    }

    /// The `x` of `[program:x]` (or `[fcgi-program:x]`, `[eventlistener:x]`).
    public var program: String
    public var condition: Condition

    public init(program: String, condition: Condition = .running) {
        self.program = program
        self.condition = condition
    }
}
