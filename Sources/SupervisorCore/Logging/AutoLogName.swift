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
        let marker = "---\(identifier)-"
        for fileName in DirectoryListing.names(directory) {
            guard let range = fileName.firstRange(of: marker), range.lowerBound != fileName.startIndex else { continue }
            let rest = fileName[range.upperBound...]
            if rest.contains(".log") { unlink("\(directory)/\(fileName)") }
        }
    }
}
