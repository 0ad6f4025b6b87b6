import Glibc
import SupervisorConfig

/// Reads a process's `environment_file=` files, at every spawn: editing a file and restarting
/// the process is enough. The files are small; reading them blocks no longer than the other
/// system calls of a spawn.
enum EnvironmentFileReader {
    /// Larger files are refused: an environment file is a handful of lines, and a spawn must not
    /// read a log or a disk image named by mistake.
    static let maxBytes = 1 << 20

    /// The assignments of the files in order; relative paths are relative to `directory` (the
    /// program's, where the child will run), else to the daemon's working directory.
    /// - Throws: `SpawnFailure` naming the file, and the line for a syntax error.
    static func variables(of files: [EnvironmentFile], directory: String?) throws(SpawnFailure)
        -> [EnvironmentVariable] {
        var variables: [EnvironmentVariable] = []
        for file in files {
            let path = directory.map { Paths.join($0, file.path) } ?? file.path
            guard let text = try text(of: path, isOptional: file.isOptional) else { continue }
            do throws(DotenvParser.SyntaxError) {
                variables += try DotenvParser.parse(text)
            } catch {
                throw SpawnFailure(message: "environment file \(path) line \(error.line): \(error.reason)")
            }
        }
        return variables
    }

    /// The file as UTF-8 text (invalid bytes repaired, as in config files), or nil when an
    /// optional file does not exist.
    private static func text(of path: String, isOptional: Bool) throws(SpawnFailure) -> String? {
        func failure(_ reason: String) -> SpawnFailure { SpawnFailure(message: "environment file \(path): \(reason)") }
        func systemFailure(_ err: Int32) -> SpawnFailure {
            failure(err == ENOENT ? "no such file" : String(cString: strerror(err)).lowercased())
        }
        // Non-blocking, so that opening a FIFO cannot hang the daemon (it is refused below).
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK)
        guard fd >= 0 else {
            let err = errno
            if isOptional && (err == ENOENT || err == ENOTDIR) { return nil }
            throw systemFailure(err)
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw systemFailure(errno) }
        guard info.st_mode & S_IFMT == S_IFREG else { throw failure("not a regular file") }
        let tooLarge = failure("larger than \(maxBytes / (1 << 20)) MiB")
        guard info.st_size <= maxBytes else { throw tooLarge }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(info.st_size))
        var chunk = [UInt8](repeating: 0, count: 4096)
        // Bounded again while reading: the file may grow after fstat.
        while bytes.count <= maxBytes {
            let got = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if got < 0 {
                if errno == EINTR { continue }
                throw systemFailure(errno)
            }
            if got == 0 { break }
            bytes += chunk[..<got]
        }
        guard bytes.count <= maxBytes else { throw tooLarge }
        return String(decoding: bytes, as: UTF8.self)
    }
}
