import Glibc
import SupervisorCommon

/// This machine's name, for `%(host_node_name)s` in the config.
enum HostName {
    static func current() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count) == 0 else { return "localhost" }
        return String(cBuffer: buffer)
    }
}
