/// Log verbosity of the main log, most to least severe.
public enum LogLevel: Int, Comparable, Sendable, CaseIterable {
    case critical = 50, error = 40, warn = 30, info = 20, debug = 10, trace = 5, blather = 3

    public var name: String {
        switch self {
        case .critical: "CRIT"
        case .error: "ERRO"
        case .warn: "WARN"
        case .info: "INFO"
        case .debug: "DEBG"
        case .trace: "TRAC"
        case .blather: "BLAT"
        }
    }

    /// As `loglevel=` spells it (and the JSON log writes it).
    public var configName: String {
        switch self {
        case .critical: "critical"
        case .error: "error"
        case .warn: "warn"
        case .info: "info"
        case .debug: "debug"
        case .trace: "trace"
        case .blather: "blather"
        }
    }

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}
