import NIOHTTP1
import SupervisorCore

/// What a path under `/api/v1/` names, for one method (the routes of docs/api.md).
/// `/processes/start`, `/stop` and `/restart` act on every process: a process named so
/// is reached by its `group:name` (`start:start`).
enum Endpoint: Equatable {
    /// start, stop and restart of one process; clear, signal and stdin too.
    enum ProcessAction: String, CaseIterable {
        case start, stop, restart, clear, signal, stdin
    }

    /// start, stop and restart of a group or of every process.
    enum BatchAction: String, CaseIterable {
        case start, stop, restart
    }

    enum DaemonAction: String, CaseIterable {
        case shutdown, restart
    }

    case processes
    case process(String)
    case processAction(String, ProcessAction)
    case processLog(String, OutputChannel)
    case allProcesses(BatchAction)
    case groups
    case groupAction(String, BatchAction)
    case reload
    case daemon
    case daemonAction(DaemonAction)
    case document

    static let prefix = "/api/v1/"

    /// The endpoint `method` reaches at `segments` (the path after the prefix, split at
    /// `/` and percent-decoded); nil when there is none.
    init?(_ segments: [String], method: HTTPMethod) {
        guard method == .GET || method == .HEAD || method == .POST else { return nil }
        let post = method == .POST
        switch segments.count {
        case 1:
            switch segments[0] {
            case "processes" where !post: self = .processes
            case "groups" where !post: self = .groups
            case "daemon" where !post: self = .daemon
            case "openapi.json" where !post: self = .document
            default: return nil
            }
        case 2:
            switch segments[0] {
            case "processes":
                if let action = BatchAction(rawValue: segments[1]) {
                    guard post else { return nil }
                    self = .allProcesses(action)
                } else {
                    guard !post else { return nil }
                    self = .process(segments[1])
                }
            case "config" where post && segments[1] == "reload": self = .reload
            case "daemon" where post:
                guard let action = DaemonAction(rawValue: segments[1]) else { return nil }
                self = .daemonAction(action)
            default: return nil
            }
        case 3 where post:
            switch segments[0] {
            case "processes":
                guard let action = ProcessAction(rawValue: segments[2]) else { return nil }
                self = .processAction(segments[1], action)
            case "groups":
                guard let action = BatchAction(rawValue: segments[2]) else { return nil }
                self = .groupAction(segments[1], action)
            default: return nil
            }
        case 4 where !post && segments[0] == "processes" && segments[2] == "log":
            guard let stream = OutputChannel(rawValue: segments[3]) else { return nil }
            self = .processLog(segments[1], stream)
        default:
            return nil
        }
    }

    /// The methods some endpoint answers at `segments` (for 405's `Allow`).
    static func methods(at segments: [String]) -> [HTTPMethod] {
        [.GET, .POST].filter { Endpoint(segments, method: $0) != nil }
    }

    /// Whether the path (or request target) is the JSON API's.
    static func claims(_ path: String) -> Bool {
        path.hasPrefix(prefix)
    }

    /// `segments` of a path under the prefix; nil for another path.
    static func segments(of path: String) -> [String]? {
        guard path.hasPrefix(prefix) else { return nil }
        return path.dropFirst(prefix.count).split(separator: "/", omittingEmptySubsequences: false).map { String($0).percentDecoded }
    }
}
