/// One rotated file of a log file `app.log`, as its name says: numbered as the reference
/// names them (`app.log.1` newest … `app.log.N` oldest), or by the stretch of time it covers
/// when rotating by time (`app.log.2026-12-01`, then `app.log.2026-12-01.1`, `.2` … for
/// further rotations within that day, oldest first); `.gz` when compressed, `.gz.tmp` while
/// its compression is being written.
struct RotatedFile: Equatable {
    enum Position: Equatable {
        case numbered(Int)
        /// A window's label (`2026-12-01`, `2026-12-01T13`) and the file's place in it (0 for the first).
        case windowed(label: String, index: Int)
    }

    /// The full path.
    let path: String
    let position: Position
    let isCompressed: Bool
    /// A compression's output not complete yet (or left by a crash).
    let isPartial: Bool

    /// The file named `name` in the directory of the log file `logPath`, or nil when the name
    /// is not one of that log's rotated files.
    init?(name: String, logPath: String) {
        let base = logPath.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? logPath
        guard name.count > base.count + 1, name.hasPrefix(base + ".") else { return nil }
        var parts = name.dropFirst(base.count + 1).split(separator: ".", omittingEmptySubsequences: false)
        isPartial = parts.last == "tmp"
        if isPartial { parts.removeLast() }
        isCompressed = parts.last == "gz"
        if isCompressed { parts.removeLast() }
        guard isCompressed || !isPartial else { return nil }
        switch parts.count {
        case 1 where Self.isNumber(parts[0]):
            guard let number = Int(parts[0]), number > 0 else { return nil }
            position = .numbered(number)
        case 1 where Self.isLabel(parts[0]):
            position = .windowed(label: String(parts[0]), index: 0)
        case 2 where Self.isLabel(parts[0]) && Self.isNumber(parts[1]):
            guard let index = Int(parts[1]), index > 0 else { return nil }
            position = .windowed(label: String(parts[0]), index: index)
        default:
            return nil
        }
        let directoryEnd = logPath.count - base.count
        path = String(logPath.prefix(directoryEnd)) + name
    }

    /// The rotated file's name without `.gz`/`.gz.tmp`: what it was called when it was rotated.
    var uncompressedPath: String {
        guard isCompressed else { return path }
        return String(path.dropLast(isPartial ? 7 : 3))
    }

    /// Oldest first: windows in time order, each window's files in the order they were rotated.
    static func olderWindowed(_ a: RotatedFile, _ b: RotatedFile) -> Bool {
        guard case .windowed(let labelA, let indexA) = a.position, case .windowed(let labelB, let indexB) = b.position
        else { return false }
        return (labelA, indexA) < (labelB, indexB)
    }

    private static func isNumber(_ text: Substring) -> Bool {
        !text.isEmpty && text.count <= 9 && text.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// `YYYY-MM-DD` or `YYYY-MM-DDTHH`, as `RotationWindow` labels them.
    private static func isLabel(_ text: Substring) -> Bool {
        let shape = Array(text.utf8).map { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") ? UInt8(ascii: "9") : $0 }
        return shape == Array("9999-99-99".utf8) || shape == Array("9999-99-99T99".utf8)
    }
}
