import SupervisorCore

/// The page at `/`: the process table. (The live page with actions is its own piece of work.)
enum StatusPage {
    static func render(supervisor: Supervisor, path: String) -> HTTPReply {
        guard path == "/" || path == "/index.html" else { return .status(.notFound) }
        let now = Clock.wallTime()
        var rows = ""
        for process in ProcessLookup(supervisor: supervisor).lexical {
            let start = ProcessInfo.capped(process.lastStart)
            let description = ProcessInfo.description(process, start: start, stop: ProcessInfo.capped(process.lastStop),
                                                      now: ProcessInfo.capped(now))
            rows += "<tr><td>\(HTML.escape(process.state.name))</td><td>\(HTML.escape(description))</td><td>\(HTML.escape(ProcessLookup.namespec(process)))</td></tr>\n"
        }
        let page = """
        <!DOCTYPE html>
        <html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Supervisor Status</title></head>
        <body><h1>Supervisor Status</h1>
        <table><thead><tr><th>State</th><th>Description</th><th>Name</th></tr></thead>
        <tbody>
        \(rows)</tbody></table>
        <p>\(HTML.escape(supervisor.config.daemon.identifier))</p></body></html>
        """
        return .full(.ok, contentType: "text/html;charset=utf-8", body: Array(page.utf8))
    }
}

enum HTML {
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#x27;"
            default: out.append(character)
            }
        }
        return out
    }
}
