import Glibc

/// Paths under /proc made without allocating (a scrape makes thousands): `PID/name` as a
/// C string on the stack, relative to an open /proc.
enum ProcPath {
    static func withPath<Result>(_ pid: pid_t, _ name: StaticString, _ body: (UnsafePointer<CChar>) -> Result) -> Result {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: 64) { path in
            var count = 0
            var rest = Int(pid)
            repeat {
                path[count] = CChar(48 + rest % 10)
                count += 1
                rest /= 10
            } while rest > 0
            // The digits came least significant first.
            path[0..<count].reverse()
            path[count] = CChar(UInt8(ascii: "/"))
            count += 1
            name.withUTF8Buffer { bytes in
                for byte in bytes {
                    path[count] = CChar(bitPattern: byte)
                    count += 1
                }
            }
            path[count] = 0
            return body(UnsafePointer(path.baseAddress!))
        }
    }
}
