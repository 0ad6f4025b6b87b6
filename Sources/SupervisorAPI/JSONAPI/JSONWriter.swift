import NIOCore
import SupervisorCommon

/// Writes a JSON document straight into bytes (a list of thousands of processes makes no
/// intermediate strings): members and elements are separated as they are added.
struct JSONWriter {
    private(set) var bytes: [UInt8] = []
    /// The next member or element follows another in its container.
    private var needsComma = false

    init(capacity: Int = 256) {
        bytes.reserveCapacity(capacity)
    }

    mutating func beginObject() { open(UInt8(ascii: "{")) }
    mutating func endObject() { close(UInt8(ascii: "}")) }
    mutating func beginArray() { open(UInt8(ascii: "[")) }
    mutating func endArray() { close(UInt8(ascii: "]")) }

    /// A member's name; its value comes next.
    mutating func key(_ name: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
        needsComma = false
    }

    mutating func value(_ text: String) {
        separate()
        var text = text
        text.withUTF8 { appendString(UnsafeRawBufferPointer($0)) }
        needsComma = true
    }

    /// Bytes as a string: invalid UTF-8 becomes U+FFFD (`JSONString.appendEscaped`).
    mutating func value(bytes raw: [UInt8]) {
        separate()
        raw.withUnsafeBytes { appendString($0) }
        needsComma = true
    }

    mutating func value(_ number: Int) { literal(String(number)) }

    /// A non-finite number (which JSON cannot write) is written as null.
    mutating func value(_ number: Double) { literal(number.isFinite ? "\(number)" : "null") }

    mutating func value(_ flag: Bool) { literal(flag ? "true" : "false") }

    mutating func null() { literal("null") }

    /// `"name": value` for the common cases.
    mutating func member(_ name: StaticString, _ text: String) {
        key(name)
        value(text)
    }

    mutating func member(_ name: StaticString, _ number: Int) {
        key(name)
        value(number)
    }

    /// An array of strings.
    mutating func member(_ name: StaticString, strings: [String]) {
        key(name)
        beginArray()
        for text in strings { value(text) }
        endArray()
    }

    /// The document, ending with a newline.
    func finish() -> ByteBuffer {
        var buffer = ByteBuffer()
        buffer.reserveCapacity(bytes.count + 1)
        buffer.writeBytes(bytes)
        buffer.writeInteger(UInt8(ascii: "\n"))
        return buffer
    }

    private mutating func open(_ byte: UInt8) {
        separate()
        bytes.append(byte)
        needsComma = false
    }

    private mutating func close(_ byte: UInt8) {
        bytes.append(byte)
        needsComma = true
    }

    private mutating func literal(_ text: String) {
        separate()
        bytes.append(contentsOf: text.utf8)
        needsComma = true
    }

    private mutating func separate() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
    }

    private mutating func appendString(_ raw: UnsafeRawBufferPointer) {
        bytes.append(UInt8(ascii: "\""))
        JSONString.appendEscaped(raw, to: &bytes)
        bytes.append(UInt8(ascii: "\""))
    }
}
