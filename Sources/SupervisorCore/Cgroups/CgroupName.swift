/// The name of a process's cgroup directory: its namespec (`group:name`), with every byte
/// outside letters, digits and `_ : @ + = , -` written as `%XX`. Distinct namespecs get
/// distinct names, none is `.` or `..`, and, having no dot, none collides with the
/// interface files (`cgroup.procs`, `memory.max`) or the daemon's own leaf.
enum CgroupName {
    static func of(_ namespec: String) -> String {
        var name = ""
        for byte in namespec.utf8 {
            if isKept(byte) {
                name.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                name += "%" + hexDigits(byte)
            }
        }
        return name
    }

    private static func isKept(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default:
            "_:@+=,-".utf8.contains(byte)
        }
    }

    private static func hexDigits(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
    }
}
