import Glibc
import SupervisorConfig

/// Reading and writing cgroup interface files.
enum CgroupFile {
    /// Writes `text` to the interface file at `path` in one write (what the kernel parses).
    /// Returns 0, or the errno.
    static func write(_ text: String, to path: String) -> Int32 {
        let fd = open(path, O_WRONLY | O_CLOEXEC)
        guard fd >= 0 else { return errno }
        defer { close(fd) }
        var bytes = Array(text.utf8)
        let written = bytes.withUnsafeMutableBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        if written == bytes.count { return 0 }
        return written < 0 ? errno : EIO
    }

    /// The words of a space-separated list file (`cgroup.controllers`, `cgroup.procs`).
    static func words(_ path: String) -> Set<String> {
        Set((Paths.readText(path) ?? "").split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init))
    }

    /// A flat keyed file's values; empty when it cannot be read.
    static func keyed(_ path: String) -> [String: Int] {
        CgroupKeyedFile.parse(Paths.readText(path) ?? "")
    }
}
