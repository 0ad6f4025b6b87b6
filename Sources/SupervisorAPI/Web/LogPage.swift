import SupervisorCore

/// `/tail.html?processname=…&channel=stdout|stderr` and `/mainlog.html`: the end of a log,
/// readable without JavaScript (reload for more); tail.js appends new output live from
/// /logfollow, starting exactly where the page's text ends.
enum LogPage {
    /// How much of the log a page shows and a reconnecting follower catches up on.
    static let window = 64 * 1024

    static func render(_ log: WebLog, supervisor: Supervisor) -> HTTPReply {
        let size = log.size
        let text = String(decoding: log.bytes(from: size - window, limit: window), as: UTF8.self)
        let follow = "/logfollow?" + FormEncoding.query(log.query)
        let body = """
        <div class="toolbar">
        <span id="live" class="live" title="Live updates">static</span>
        <a class="button" href="\(HTML.escape(log.pageURL))">Reload</a>
        <label><input type="checkbox" id="autoscroll" checked> Scroll to new output</label>
        </div>
        <pre id="log" data-follow="\(HTML.escape(follow))" data-offset="\(size)">\(HTML.escape(text))</pre>
        """
        return PageLayout.page(supervisor, title: "Supervisor: \(log.title)", heading: HTML.escape(log.title), script: "tail.js", body: body)
    }

    /// A tail link to a process that is gone or logs nowhere (`stdout_logfile=NONE`, `redirect_stderr`).
    static func missing(_ namespec: String?, supervisor: Supervisor) -> HTTPReply {
        let what = namespec.map { "No log file for \($0) (unknown process, or its output is not logged)" } ?? "No such log"
        return PageLayout.page(supervisor, status: .notFound, title: "Supervisor: no log", heading: "No log",
                               script: nil, body: "<p class=\"message error\">\(HTML.escape(what))</p>")
    }
}
