/// cgroup's "flat keyed" files (`cgroup.events`, `memory.events`): a `key value` pair per line.
enum CgroupKeyedFile {
    static func parse(_ text: String) -> [String: Int] {
        var values: [String: Int] = [:]
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ")
            if fields.count == 2, let value = Int(fields[1]) { values[String(fields[0])] = value }
        }
        return values
    }
}
