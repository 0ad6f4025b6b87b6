/// Where `ExpositionWriter` puts a sample line together: raw bytes on the stack.
struct LineCursor {
    let base: UnsafeMutableRawPointer
    private(set) var count = 0

    init(base: UnsafeMutableRawPointer) {
        self.base = base
    }

    mutating func copy(_ bytes: UnsafeRawBufferPointer) {
        guard let source = bytes.baseAddress else { return }
        (base + count).copyMemory(from: source, byteCount: bytes.count)
        count += bytes.count
    }

    mutating func byte(_ byte: UInt8) {
        base.storeBytes(of: byte, toByteOffset: count, as: UInt8.self)
        count += 1
    }

    /// `value` in decimal, without making a string.
    mutating func decimal(_ value: Int) {
        if value < 0 { byte(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var digits = 1
        var power: UInt = 10
        while digits < 19, magnitude >= power {
            digits += 1
            power *= 10
        }
        if digits == 19, magnitude >= power { digits = 20 }
        for offset in stride(from: digits - 1, through: 0, by: -1) {
            base.storeBytes(of: UInt8(48 + magnitude % 10), toByteOffset: count + offset, as: UInt8.self)
            magnitude /= 10
        }
        count += digits
    }
}
