import Glibc
import SupervisorCommon
import SupervisorConfig

/// The rotated files of one log file: where a rollover moves the full file, and which old
/// files are deleted (`*_logfile_backups`, `*_logfile_maxage`) or compressed
/// (`*_logfile_compress`). Without the extension keys this does exactly what the reference
/// does: `x.log` → `x.log.1` → … → `x.log.N`, never looking at the directory.
struct RotatedLogFiles {
    let path: String
    let backups: Int
    let policy: LogRotationPolicy
    /// Told of every rename and deletion, so that compressions follow their files; files are
    /// queued on it only with `policy.compress`.
    let compressor: LogCompressor?
    /// The window of the last windowed name given out and the index after it, where the
    /// next search for a free name in the same window starts.
    private var nextWindowed: (label: String, index: Int)?

    init(path: String, backups: Int, policy: LogRotationPolicy, compressor: LogCompressor?) {
        self.path = path
        self.backups = backups
        self.policy = policy
        self.compressor = compressor
    }

    /// Moves the full log file aside: named by `window` when rotating by time, else to
    /// `.1` after shifting the numbered ones; deleted when no backups are kept. Returns
    /// whether it is gone from `path`, where it went, and the first failure's errno (0: none).
    mutating func moveAside(window: RotationWindow?) -> (moved: Bool, destination: String?, failure: Int32) {
        var failure: Int32 = 0
        // ENOENT: the file or a backup was removed meanwhile (a cleanup script); nothing to move.
        func check(_ result: Int32) -> Bool {
            guard result != 0, errno != ENOENT else { return true }
            if failure == 0 { failure = errno }
            return false
        }
        guard backups > 0 else { return (check(unlink(path)), nil, failure) }
        let destination: String
        if let window {
            destination = freeName(in: window)
        } else {
            // With the extension keys, compressed or not, each place keeps one file: the
            // other form is an older one. Without them, `.gz` names are no business of ours.
            let forms = policy.isReferenceBehaviour ? [("", nil)] : [("", ".gz"), (".gz", "")]
            for index in stride(from: backups - 1, through: 1, by: -1) {
                for (form, other) in forms {
                    let from = numbered(index) + form, to = numbered(index + 1) + form
                    let result = rename(from, to)
                    if check(result) && result == 0 {
                        compressor?.moved(from: from, to: to)
                        if let other { delete(numbered(index + 1) + other) }
                    }
                }
            }
            destination = numbered(1)
        }
        let moved = check(rename(path, destination))
        if moved && !policy.isReferenceBehaviour { delete(destination + ".gz") }
        return (moved, moved ? destination : nil, failure)
    }

    /// After a rollover: deletes what the backups and maxage limits no longer keep, then
    /// queues the file just rotated for compression.
    func afterRotation(rotated destination: String?, outcome: @escaping (String, Int32?) -> Void) {
        guard !policy.isReferenceBehaviour else { return }
        prune()
        if policy.compress, let destination, Paths.exists(destination) {
            compressor?.compress(destination, outcome: outcome)
        }
    }

    /// When the log is opened at daemon start: removes the leftovers of compressions a crash
    /// interrupted (a partial `.gz.tmp`; an uncompressed file whose `.gz` was complete), applies
    /// the limits, and queues the rotated files not compressed yet.
    func cleanUp(outcome: @escaping (String, Int32?) -> Void) {
        guard !policy.isReferenceBehaviour else { return }
        for file in list() {
            if file.isPartial {
                if !(compressor?.isWriting(file.path) ?? false) { unlink(file.path) }
            } else if !file.isCompressed && Paths.exists(file.path + ".gz") && !isQueued(file.path) {
                unlink(file.path)
            }
        }
        prune()
        guard policy.compress, let compressor else { return }
        for file in list().sorted(by: { $0.path < $1.path })
        where !file.isCompressed && !file.isPartial && !compressor.isQueued(file.path) {
            compressor.compress(file.path, outcome: outcome)
        }
    }

    /// Deletes every rotated file (clearLog).
    func deleteAll() {
        if policy.isReferenceBehaviour {
            for index in stride(from: backups, through: 1, by: -1) { unlink(numbered(index)) }
            return
        }
        for file in list() where !(compressor?.isWriting(file.path) ?? false) { delete(file.path) }
    }

    /// The rotated files there are now, in no particular order.
    func list() -> [RotatedFile] {
        let directory = Paths.dirname(path)
        return DirectoryListing.names(directory.isEmpty ? "." : directory).compactMap {
            RotatedFile(name: $0, logPath: path)
        }
    }

    /// Deletes the windowed files beyond the newest `backups` (when rotating by time) and the
    /// files last written more than maxage ago (by the log clock).
    private func prune() {
        let files = list().filter { !$0.isPartial }
        var doomed = Set<String>()
        if policy.period != .none {
            // A file and its compressed form (left by a crash) are one backup.
            let places = files.filter { if case .windowed = $0.position { true } else { false } }
                .sorted(by: RotatedFile.olderWindowed).map(\.uncompressedPath)
            var unique: [String] = []
            for place in places where unique.last != place { unique.append(place) }
            doomed.formUnion(unique.dropLast(backups))
        }
        if let maxAge = policy.maxAge {
            let oldest = LogClock.now().tv_sec - maxAge
            for file in files {
                var info = stat()
                if stat(file.path, &info) == 0 && LogClock.shifted(info.st_mtim).tv_sec < oldest {
                    doomed.insert(file.path)
                }
            }
        }
        for file in files where doomed.contains(file.uncompressedPath) || doomed.contains(file.path) {
            delete(file.path)
        }
    }

    private func numbered(_ index: Int) -> String { "\(path).\(index)" }

    /// The first name of the window's files that neither exists nor exists compressed.
    private mutating func freeName(in window: RotationWindow) -> String {
        var index = nextWindowed?.label == window.label ? nextWindowed?.index ?? 0 : 0
        while true {
            let name = "\(path).\(window.label)" + (index == 0 ? "" : ".\(index)")
            index += 1
            if !Paths.exists(name) && !Paths.exists(name + ".gz") {
                nextWindowed = (window.label, index)
                return name
            }
        }
    }

    private func isQueued(_ file: String) -> Bool { compressor?.isQueued(file) ?? false }

    private func delete(_ file: String) {
        if unlink(file) == 0 { compressor?.removed(file) }
    }
}
