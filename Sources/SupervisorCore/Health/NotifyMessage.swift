/// One sd_notify datagram: `KEY=VALUE` lines, of which the supervisor acts on `READY=1`,
/// `STATUS=…` and `WATCHDOG=1` (others, and lines without `=`, are ignored, as systemd
/// ignores what it does not know).
struct NotifyMessage: Equatable, Sendable {
    /// `READY=1`: the process has started up.
    var ready = false
    /// The last `STATUS=` text: shown in the process's description.
    var status: String?
    /// `WATCHDOG=1`: a keep-alive ping for `watchdog_sec`.
    var watchdog = false

    init(ready: Bool = false, status: String? = nil, watchdog: Bool = false) {
        self.ready = ready
        self.status = status
        self.watchdog = watchdog
    }

    init(datagram: some Collection<UInt8>) {
        for line in datagram.split(separator: UInt8(ascii: "\n")) {
            guard let equals = line.firstIndex(of: UInt8(ascii: "=")) else { continue }
            let key = String(decoding: line[..<equals], as: UTF8.self)
            let value = String(decoding: line[line.index(after: equals)...], as: UTF8.self)
            switch key {
            case "READY": ready = ready || value == "1"
            case "STATUS": status = value
            case "WATCHDOG": watchdog = watchdog || value == "1"
            default: break
            }
        }
    }
}
