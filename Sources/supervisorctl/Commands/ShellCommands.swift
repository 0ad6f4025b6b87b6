import SupervisorCommon

/// Commands about the shell session: quit, exit, open, and end of input.
enum ShellCommands {
    static let quit = Command(name: "quit", help: ["quit\tExit the supervisor shell."]) { ctl, _ in
        try endOfInput.run(ctl, "")
    }

    static let exit = Command(name: "exit", help: ["exit\tExit the supervisor shell."]) { ctl, _ in
        try endOfInput.run(ctl, "")
    }

    /// What Ctrl-D (or the end of piped input) runs; the reference prints a newline.
    static let endOfInput = Command(name: "EOF", help: []) { ctl, _ in
        ctl.output("")
        ctl.shouldStop = true
    }

    static let open = Command(name: "open", help: [
        "open <url>\tConnect to a remote supervisord process.",
        "\t\t(for UNIX domain socket, use unix:///socket/path)",
    ]) { ctl, arg in
        let url = arg.trimmingWhitespace()
        guard let scheme = urlScheme(url), scheme == "unix" || scheme == "http" else {
            ctl.fail("ERROR: url must be http:// or unix://")
            return
        }
        ctl.session.serverURL = url
        // Showing the status is a courtesy; it does not change the exit status.
        let saved = ctl.exitStatus
        try ProcessCommands.status.run(ctl, "")
        ctl.exitStatus = saved
    }
}

/// The scheme as Python's `urlparse` finds it (lowercased), or nil when there is none.
nonisolated func urlScheme(_ url: String) -> String? {
    guard let colon = url.firstIndex(of: ":") else { return nil }
    let scheme = url[..<colon]
    guard let first = scheme.unicodeScalars.first, first.isASCII, first.properties.isAlphabetic,
          scheme.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "+-.".unicodeScalars.contains($0)) })
    else { return nil }
    return scheme.lowercased()
}
