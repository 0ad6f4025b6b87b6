/// Tab completion, with the reference's rules for which word completes to what.
extension Controller {
    /// Candidates (each ending in a space, as readline inserts them) for `text`,
    /// the word under the cursor in `line`.
    func completions(line: String, text: String) -> [String] {
        let words = PythonText.split(line)
        guard let action = words.first else { return complete(Commands.vocabulary, text) }
        if words.count == 1 && !line.hasSuffix(" ") { return complete(Commands.vocabulary, text) }
        // The reference tests `action in ('help')`, a substring test on "help".
        if "help".contains(action) { return complete(Commands.vocabulary, text) }
        switch action {
        case "add", "remove", "update":
            var groups: [String] = []
            for info in completionInfo() where !groups.contains(info.group) { groups.append(info.group) }
            return complete(groups, text)
        case "clear", "fg", "pid", "restart", "signal", "start", "status", "stop", "tail":
            var names: [String] = []
            for info in completionInfo() {
                if text.contains(":") || info.name != info.group {
                    names.append("\(info.group):\(info.name)")
                    if !names.contains("\(info.group):*") { names.append("\(info.group):*") }
                } else {
                    names.append(info.name)
                }
            }
            return complete(names, text)
        default:
            return []
        }
    }

    private func complete(_ candidates: [String], _ text: String) -> [String] {
        var seen: [String] = []
        for candidate in candidates where candidate.hasPrefix(text) && !seen.contains(candidate + " ") {
            seen.append(candidate + " ")
        }
        return seen
    }

    /// Process list for completion, fetched once per command line; like readline,
    /// a failing completer just offers nothing.
    private func completionInfo() -> [ProcessStatus] {
        if let completionCache { return completionCache }
        guard let value = try? rpc.call("supervisor.getAllProcessInfo") else { return [] }
        completionCache = ProcessStatus.list(value)
        return completionCache ?? []
    }
}
