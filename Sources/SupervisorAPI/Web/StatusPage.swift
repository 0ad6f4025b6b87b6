import SupervisorCommon
import SupervisorCore

/// The page at `/`: every process by group, with its state, CPU and memory (with a chart
/// of the last ten minutes; totals per group), description and buttons. The buttons are
/// plain forms; status.js makes them act in place, keeps the table current from the
/// /events stream (a resource watcher: the daemon samples while the page is open), and
/// sorts (by the column heads) and filters it.
enum StatusPage {
    static func render(_ supervisor: Supervisor, message: String?) -> HTTPReply {
        let now = WallClock.now()
        var groups = ""
        for groupName in supervisor.groups.keys.sorted() {
            let processes = supervisor.groups[groupName]!.processes.sorted { $0.name < $1.name }
            groups += "<tbody>\n"
            if processes.count != 1 || processes[0].name != groupName {
                groups += groupRow(groupName)
            }
            for process in processes { groups += row(ProcessRow(process, now: now)) }
            groups += "</tbody>\n"
        }
        let body = """
        <div class="toolbar">
        <p id="message" class="message"\(message == nil ? " hidden" : "") role="status">\(HTML.escape(message ?? ""))</p>
        <span id="live" class="live" title="Live updates">static</span>
        <form method="post" action="/action" class="bulk">\(tokenField)
        <button name="action" value="\(WebAction.restartAll.rawValue)">\(WebAction.restartAll.label)</button>
        <button name="action" value="\(WebAction.stopAll.rawValue)">\(WebAction.stopAll.label)</button>
        </form>
        </div>
        <form id="filters" class="filters" role="search">
        <label>Name <input id="filter-name" type="search" placeholder="any"></label>
        <label>State <select id="filter-state"><option value="">any</option>\(stateOptions)</select></label>
        <label>CPU ≥ <input id="filter-cpu" type="number" min="0" step="any" placeholder="0"> %</label>
        <label>Memory ≥ <input id="filter-memory" type="number" min="0" step="any" placeholder="0"> MiB</label>
        </form>
        <table id="processes">
        <thead><tr><th data-sort="name" aria-sort="none">Name</th><th data-sort="state" aria-sort="none">State</th>\
        <th data-sort="cpu" aria-sort="none">CPU</th><th data-sort="memory" aria-sort="none">Memory</th>\
        <th>Description</th><th>Actions</th></tr></thead>
        \(groups)</table>
        """
        return PageLayout.page(supervisor, title: "Supervisor Status", heading: "Processes", script: "status.js", body: body)
    }

    /// The state filter's choices: every state a process can be in.
    private static let stateOptions = ProcessState.allCases.map { "<option>\($0.name)</option>" }.joined()

    private static let tokenField = "<input type=\"hidden\" name=\"token\" value=\"\(CSRFGuard.token)\">"

    /// A group's heading, with the button that restarts its processes one by one.
    private static func groupRow(_ name: String) -> String {
        let action = WebAction.rollingRestart
        return """
        <tr class="group"><th colspan="2" scope="rowgroup">\(HTML.escape(name))</th>\
        <td class="cpu total" data-label="CPU"></td><td class="memory total" data-label="Memory"></td><td></td>
        <td class="actions"><form method="post" action="/action">\(tokenField)<input type="hidden" name="processname" value="\(HTML.escape(name + ":*"))">\
        <button name="action" value="\(action.rawValue)" title="Restart its processes one at a time, each once the one before is running">\(action.label)</button></form></td></tr>\n
        """
    }

    private static func row(_ row: ProcessRow) -> String {
        let namespec = HTML.escape(row.namespec)
        let buttons = WebAction.perProcess.map { action in
            "<button name=\"action\" value=\"\(action.rawValue)\"\(row.offers(action) ? "" : " hidden")>\(action.label)</button>"
        }.joined()
        let tails = [OutputChannel.stdout, .stderr].map { stream in
            let query = FormEncoding.query([("processname", row.namespec), ("channel", stream.rawValue)])
            return "<a class=\"tail\" href=\"/tail.html?\(HTML.escape(query))\">\(stream.rawValue)</a>"
        }.joined(separator: " ")
        return """
        <tr data-namespec="\(namespec)">
        <td class="name" data-label="Name">\(HTML.escape(row.name))</td>
        <td class="state" data-label="State"><span class="badge \(row.stateClass)">\(row.state.name)</span></td>
        <td class="cpu" data-label="CPU"><span class="figure">–</span></td>
        <td class="memory" data-label="Memory"><span class="figure">–</span></td>
        <td class="description\(row.isUnhealthy ? " unhealthy" : "")" data-label="Description">\(HTML.escape(row.description))</td>
        <td class="actions"><form method="post" action="/action">\(tokenField)<input type="hidden" name="processname" value="\(namespec)">\(buttons)</form>
        <span class="tails">Tail \(tails)</span></td>
        </tr>\n
        """
    }
}
