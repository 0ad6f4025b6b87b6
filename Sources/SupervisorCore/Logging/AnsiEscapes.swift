/// Removes ANSI escape sequences (`strip_ansi`).
enum AnsiEscapes {
    static func strip(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x1b, index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "[") {
                index += 2
                while index < bytes.count, !(0x40...0x7e).contains(bytes[index]) { index += 1 }
                index += 1
                continue
            }
            out.append(byte)
            index += 1
        }
        return out
    }
}
