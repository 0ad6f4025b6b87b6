/// How uptimes are written (the daemon's descriptions, `supervisorctl top`).
public enum Uptime {
    /// Python's `str(timedelta)`: `0:01:02`, `1 day, 2:03:04`, `3 days, 0:00:01`.
    public static func text(_ seconds: Int) -> String {
        let days = seconds / 86400
        let rest = seconds % 86400
        let clock = "\(rest / 3600):\(twoDigits((rest % 3600) / 60)):\(twoDigits(rest % 60))"
        if days == 0 { return clock }
        return "\(days) day\(days == 1 ? "" : "s"), \(clock)"
    }

    private static func twoDigits(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
