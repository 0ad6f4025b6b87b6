import SupervisorCommon

/// What `top` shows: the processes of the latest `resources` message of /api/v1/events,
/// in the chosen order, laid out as lines of text for the terminal.
nonisolated struct TopTable {
    /// The orders, by the key that picks them.
    enum Order: Character, CaseIterable {
        case cpu = "c", memory = "m", name = "n", uptime = "u", restarts = "r"

        var label: String {
            switch self {
            case .cpu: "CPU"
            case .memory: "memory"
            case .name: "name"
            case .uptime: "uptime"
            case .restarts: "restarts"
            }
        }
    }

    struct Row: Equatable {
        let namespec: String
        let state: String
        /// Seconds since the start, for a RUNNING process.
        let uptime: Int?
        let cpuPercent: Double?
        let residentBytes: Int?
        let restarts: Int
    }

    private(set) var rows: [Row] = []
    var order = Order.cpu

    /// Takes the processes of a `resources` message's data; false when it is not one.
    mutating func update(from data: JSONValue) -> Bool {
        guard let time = data["time"]?.number, let processes = data["processes"]?.array else { return false }
        rows = processes.compactMap { process in
            guard let name = process["name"]?.string, let group = process["group"]?.string,
                  let state = process["state"]?.string else { return nil }
            let start = process["start"]?.number ?? 0
            return Row(namespec: Namespec.format(group: group, name: name), state: state,
                       uptime: state == "RUNNING" && start > 0 ? max(0, Int(time - start)) : nil,
                       cpuPercent: process["cpu_percent"]?.number, residentBytes: process["rss_bytes"]?.number.map { Int($0) },
                       restarts: Int(process["restarts"]?.number ?? 0))
        }
        return true
    }

    /// Rows in the current order: the biggest first for figures (unknown ones last), names A to Z.
    var sortedRows: [Row] {
        rows.sorted { a, b in
            let byName = a.namespec < b.namespec
            switch order {
            case .name: return byName
            case .cpu: return Self.descending(a.cpuPercent, b.cpuPercent) ?? byName
            case .memory: return Self.descending(a.residentBytes.map(Double.init), b.residentBytes.map(Double.init)) ?? byName
            case .uptime: return Self.descending(a.uptime.map(Double.init), b.uptime.map(Double.init)) ?? byName
            case .restarts: return Self.descending(Double(a.restarts), Double(b.restarts)) ?? byName
            }
        }
    }

    /// The screen: a title with the keys, the column heads and as many rows as fit in
    /// `height` lines, each cut to `width` columns.
    func lines(width: Int, height: Int) -> [String] {
        let sorted = sortedRows
        let nameWidth = max(4, min(sorted.map { DisplayWidth.of($0.namespec) }.max() ?? 4, max(4, width - 50)))
        let keys = Order.allCases.map { "\($0.rawValue) \($0.label)" }.joined(separator: ", ")
        var lines = [
            "\(rows.count) process\(rows.count == 1 ? "" : "es"), by \(order.label)",
            "sort: \(keys); q quits",
            layout(["NAME", "STATE", "UPTIME", "CPU%", "RSS", "RESTARTS"], nameWidth: nameWidth),
        ]
        for row in sorted.prefix(max(0, height - lines.count)) {
            lines.append(layout([row.namespec, row.state, row.uptime.map(Uptime.text) ?? "-",
                                 row.cpuPercent.map(Self.percent) ?? "-", row.residentBytes.map(Self.size) ?? "-",
                                 "\(row.restarts)"], nameWidth: nameWidth))
        }
        return lines.map { DisplayWidth.prefix($0, width) }
    }

    /// Name and state left-aligned, the figures right-aligned.
    private func layout(_ cells: [String], nameWidth: Int) -> String {
        let widths = [nameWidth, 8, 16, 6, 8, 8]
        return cells.enumerated().map { index, cell in
            let padding = String(repeating: " ", count: max(0, widths[index] - DisplayWidth.of(cell)))
            return index < 2 ? cell + padding : padding + cell
        }.joined(separator: "  ")
    }

    /// Which of two figures goes first, the larger; nil when that does not decide.
    private static func descending(_ a: Double?, _ b: Double?) -> Bool? {
        switch (a, b) {
        case let (a?, b?) where a != b: a > b
        case (_?, nil): true
        case (nil, _?): false
        default: nil
        }
    }

    /// `12.5`
    static func percent(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }

    /// `812K`, `12.3M`, `1.5G`: 1024-based, as `top` and `ps` show memory.
    static func size(_ bytes: Int) -> String {
        let kib = Double(bytes) / 1024
        if kib < 1024 { return "\(Int(kib.rounded()))K" }
        let units = ["M", "G", "T"]
        var value = kib / 1024
        var unit = 0
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return percent(value) + units[unit]
    }
}
