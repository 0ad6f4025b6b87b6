import CSupervisor
import Glibc

/// Output sent to syslog (`stdout_syslog=true`, `logfile=syslog`): one message per line,
/// prefixed with the process name as the reference does.
public enum Syslog {
    public static func send(_ data: UnsafeRawBufferPointer, prefix: String?) {
        for line in data.split(separator: UInt8(ascii: "\n")) where !line.isEmpty {
            let text = String(decoding: line, as: UTF8.self)
            sv_syslog(LOG_INFO, prefix.map { "\($0) \(text)" } ?? text)
        }
    }
}
