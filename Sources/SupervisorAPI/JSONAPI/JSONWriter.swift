import NIOCore
import SupervisorCommon

/// Writes a JSON document straight into bytes (a list of thousands of processes makes no
/// intermediate strings): members and elements are separated as they are added. Answers
/// are compact; a document people read (docs/openapi.json) is indented.
struct JSONWriter {
    private(set) var bytes: [UInt8] = []
    /// The next member or element follows another in its container.
    private var needsComma = false
    /// A member's name was just written: its value goes on the same line.
    private var followsKey = false
    /// Spaces per level of nesting; 0 writes everything on one line.
    private let indentWidth: Int
    private var depth = 0

    init(capacity: Int = 256, indentWidth: Int = 0) {
        bytes.reserveCapacity(capacity)
        self.indentWidth = indentWidth
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
        bytes.append(UInt8(ascii: "\""))
        endKey()
    }

    /// A member's name that is not known when compiling, escaped.
    mutating func key(escaping name: String) {
        separate()
        var name = name
        name.withUTF8 { appendString(UnsafeRawBufferPointer($0)) }
        endKey()
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

    private mutating func endKey() {
        bytes.append(UInt8(ascii: ":"))
        if indentWidth > 0 { bytes.append(UInt8(ascii: " ")) }
        followsKey = true
    }

    private mutating func open(_ byte: UInt8) {
        separate()
        bytes.append(byte)
        depth += 1
        needsComma = false
    }

    /// An empty container stays `[]` or `{}` on one line, as Python's `json.dumps` writes it.
    private mutating func close(_ byte: UInt8) {
        depth -= 1
        if needsComma { newLine() }
        bytes.append(byte)
        needsComma = true
    }

    private mutating func literal(_ text: String) {
        separate()
        bytes.append(contentsOf: text.utf8)
        needsComma = true
    }

    /// Before a member or an element: the comma after the previous one and, indented, a new
    /// line. A value after its member's name is neither.
    private mutating func separate() {
        if followsKey {
            followsKey = false
            return
        }
        if needsComma { bytes.append(UInt8(ascii: ",")) }
        if depth > 0 { newLine() }
    }

    private mutating func newLine() {
        guard indentWidth > 0 else { return }
        bytes.append(UInt8(ascii: "\n"))
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: depth * indentWidth))
    }

    private mutating func appendString(_ raw: UnsafeRawBufferPointer) {
        bytes.append(UInt8(ascii: "\""))
        JSONString.appendEscaped(raw, to: &bytes)
        bytes.append(UInt8(ascii: "\""))
    }
}
