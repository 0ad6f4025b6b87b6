import NIOCore
import NIOHTTP1
import SupervisorCommon
import SupervisorCore

/// The frame every web page shares: head, header with the daemon's identity, and the
/// response headers that keep the page to its own embedded style and script.
enum PageLayout {
    /// Only this daemon's own files may run or style the page, and no other site may
    /// frame it; a name or log line that slipped through escaping still could not run.
    static let securityHeaders = [
        ("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "same-origin"),
        ("Cache-Control", "no-store"),
    ]

    /// `body` and `heading` are HTML; `title` is text; `script` names one of WebAssets' scripts.
    static func page(_ supervisor: Supervisor, status: HTTPResponseStatus = .ok, title: String, heading: String, script: String?,
                     body: String) -> HTTPReply {
        let identity = "\(SupervisorVersion.package) · \(supervisor.config.daemon.identifier)"
        let html = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(HTML.escape(title))</title>
        <link rel="icon" href="data:,">
        <link rel="stylesheet" href="/ui/style.css">
        \(script.map { "<script src=\"/ui/\($0)\" defer></script>" } ?? "")
        </head><body>
        <header><a class="brand" href="/">Supervisor</a> <span id="identity" title="version · identifier">\(HTML.escape(identity))</span>
        <nav><a href="/">Status</a> <a href="/mainlog.html">Main log</a></nav></header>
        <main>
        <h1>\(heading)</h1>
        \(body)
        </main>
        </body></html>
        """
        return .full(status, contentType: "text/html;charset=utf-8", body: ByteBuffer(string: html), headers: securityHeaders)
    }
}
