import Glibc
import NIOCore
import SupervisorCommon
import SupervisorCore

/// A button on the status page. Each runs the control operation(s) supervisorctl would
/// ask for, through the controller, so the web page has no control path of its own.
enum WebAction: String, CaseIterable {
    case start, stop, restart
    case clearLog = "clearlog"
    case stopAll = "stopall"
    case restartAll = "restartall"
    /// A group's processes restarted one by one (`processname` is `group:*`).
    case rollingRestart = "rollingrestart"

    var label: String {
        switch self {
        case .start: "Start"
        case .stop: "Stop"
        case .restart: "Restart"
        case .clearLog: "Clear log"
        case .stopAll: "Stop all"
        case .restartAll: "Restart all"
        case .rollingRestart: "Restart one by one"
        }
    }

    var needsProcess: Bool { self != .stopAll && self != .restartAll }

    /// The actions of one process row, in button order.
    static let perProcess: [WebAction] = [.start, .stop, .restart, .clearLog]

    /// Runs the action through the controller; the future holds the message for the page (never fails).
    func run(with controller: ProcessController, namespec: String) -> EventLoopFuture<WebActionResult> {
        let loop = controller.supervisor.eventLoop
        let process = needsProcess ? namespec : nil
        let outcome: EventLoopFuture<Void>
        do throws(ControlError) {
            switch self {
            case .start:
                outcome = try controller.start(namespec)
            case .stop:
                outcome = try controller.stop(namespec)
            case .restart:
                outcome = controller.restart(namespec)
            case .clearLog:
                try controller.clearLogs(namespec)
                outcome = loop.makeSucceededVoidFuture()
            case .stopAll:
                try controller.ensureRunning()
                outcome = controller.stopAll(controller.lookup.byPriority, wait: true).done(on: loop)
            case .restartAll:
                // As supervisorctl: stop everything, then start everything; per-process errors are in the lists.
                try controller.ensureRunning()
                outcome = controller.restartAll(controller.lookup.byPriority, wait: true).done(on: loop)
            case .rollingRestart:
                return try rollingRestart(with: controller, namespec: namespec)
            }
        } catch {
            outcome = loop.makeFailedFuture(error)
        }
        let done = doneMessage(namespec)
        return outcome.map { WebActionResult(ok: true, message: done) }.recover { error in
            Self.failure(error as? ControlError ?? .failed("\(error)"), process: process)
        }
    }

    private func doneMessage(_ namespec: String) -> String {
        switch self {
        case .start: "Process \(namespec) started"
        case .stop: "Process \(namespec) stopped"
        case .restart: "Process \(namespec) restarted"
        case .clearLog: "Log for \(namespec) cleared"
        case .stopAll: "All stopped at \(Self.now())"
        case .restartAll: "All restarted at \(Self.now())"
        case .rollingRestart: "Group \(Namespec.split(namespec).group) restarted one by one"
        }
    }

    /// A group restarted one process at a time; a process that does not come back is
    /// named in the message, which says that the restart stopped there.
    private func rollingRestart(with controller: ProcessController, namespec: String) throws(ControlError) -> EventLoopFuture<WebActionResult> {
        let (group, process) = try controller.lookup.resolve(namespec)
        guard process == nil else { throw .badName(namespec) }
        let done = doneMessage(namespec)
        return try controller.rollingRestart(group, batchSize: 1).assumeIsolated().map { outcomes in
            guard let failed = outcomes.first(where: { $0.error != nil }), let error = failed.error else {
                return WebActionResult(ok: true, message: done)
            }
            let stopped = Self.failure(error, process: ProcessLookup.namespec(failed.process))
            return WebActionResult(ok: false, message: stopped.message + " (the restart of \(group.name) stopped there)")
        }.nonisolated()
    }

    private static func failure(_ error: ControlError, process: String?) -> WebActionResult {
        let reason = switch error {
        case .badName: "no such process"
        case .noFile: "no such file"
        case .notExecutable: "file not executable"
        case .alreadyStarted: "already started"
        case .notRunning: "not running"
        case .spawnError: "spawn error"
        case .abnormalTermination: "abnormal termination"
        case .shuttingDown: "SHUTDOWN_STATE"
        case .failed(let message): message.map { "FAILED: \($0)" } ?? "FAILED"
        default: "\(error)"
        }
        return WebActionResult(ok: false, message: process.map { "ERROR: Process \($0): \(reason)" } ?? "ERROR: \(reason)")
    }

    /// Local time as `ctime()` writes it, for "All stopped at …".
    private static func now() -> String {
        LocalTime.format(Int(WallClock.now()), "%a %b %e %H:%M:%S %Y")
    }
}

struct WebActionResult {
    let ok: Bool
    let message: String
}
