/// Bytes of a process's output handed to its logs (file or syslog), per stream, for /metrics.
public struct StreamByteCounts: Sendable {
    public private(set) var stdout = 0
    public private(set) var stderr = 0

    public subscript(stream: OutputChannel) -> Int {
        stream == .stdout ? stdout : stderr
    }

    mutating func add(_ count: Int, to stream: OutputChannel) {
        if stream == .stdout { stdout += count } else { stderr += count }
    }
}
