import Glibc

/// The process's current directory.
public enum WorkingDirectory {
    /// nil when it cannot be read (removed, or a path longer than PATH_MAX).
    public static func path() -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&buffer, buffer.count) != nil else { return nil }
        return String(cBuffer: buffer)
    }
}
