import Glibc
import SupervisorCommon

/// `AUTO` child logs: `name-stdout---identifier-XXXXXX.log` in childlogdir, like the
/// reference's names, so its cleanup pattern matches ours.
public enum AutoLogName {
    static func create(directory: String, name: String, stream: OutputChannel, identifier: String) -> String? {
        var template = Array("\(directory)/\(name)-\(stream.rawValue)---\(identifier)-XXXXXX.log".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemps($0.baseAddress!, 4) }
        guard fd >= 0 else { return nil }
        Glibc.close(fd)
        return String(cBuffer: template)
    }

    /// Removes AUTO logs left by an earlier run (unless `nocleanup`).
    public static func cleanup(directory: String, identifier: String) {
        guard let dir = opendir(directory) else { return }
        defer { closedir(dir) }
        let marker = "---\(identifier)-"
        while let entry = readdir(dir) {
            let fileName = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
            }
            guard let range = fileName.firstRange(of: marker), range.lowerBound != fileName.startIndex else { continue }
            let rest = fileName[range.upperBound...]
            if rest.contains(".log") { unlink("\(directory)/\(fileName)") }
        }
    }
}
