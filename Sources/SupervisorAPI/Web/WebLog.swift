import Glibc
import SupervisorCore

/// A log the web pages show and follow: a process's stdout or stderr, or the main log.
struct WebLog {
    let file: RotatingLogFile
    /// What the page calls it, e.g. `web:api stderr`.
    let title: String
    /// The query that names this log again (tail page links, /logfollow).
    let query: [(String, String)]
    /// The page showing this log.
    let pageURL: String

    /// From `processname` and `channel`; nil when the process or its log does not exist.
    init?(query fields: [String: String], main: Bool, supervisor: Supervisor) {
        if main {
            guard let file = supervisor.log.logFile else { return nil }
            self.file = file
            title = "Main log"
            query = [("log", "main")]
            pageURL = "/mainlog.html"
            return
        }
        guard let namespec = fields["processname"], let process = try? ProcessLookup(supervisor: supervisor).process(namespec) else {
            return nil
        }
        let stream: OutputChannel = fields["channel"] == "stderr" ? .stderr : .stdout
        guard let file = process.logs.file(stream) else { return nil }
        self.file = file
        title = "\(namespec) \(stream.rawValue)"
        query = [("processname", namespec), ("channel", stream.rawValue)]
        pageURL = "/tail.html?" + FormEncoding.query(query)
    }

    /// The size on disk, once what was logged is in the file: everything logged so far.
    var size: Int {
        file.flush()
        var info = stat()
        return stat(file.path, &info) == 0 ? Int(info.st_size) : 0
    }

    /// The bytes from `offset` to the end, only the last `limit` of them if there are more;
    /// from the start when the file is now shorter than `offset` (rotated or cleared).
    func bytes(from offset: Int, limit: Int) -> [UInt8] {
        let size = self.size
        let start = max(offset <= size ? max(0, offset) : 0, size - limit)
        guard start < size else { return [] }
        return (try? LogFileReader.read(path: file.path, offset: start, length: size - start)) ?? []
    }

    /// `/logfollow`: what was written since `offset` (the page's last byte), then everything
    /// written from now on. Both happen in this one turn of the event loop, so nothing
    /// written in between is lost or repeated.
    func follow(from offset: Int) -> HTTPReply {
        .follow(file, initial: bytes(from: offset, limit: LogPage.window))
    }
}
