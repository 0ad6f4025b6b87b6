import NIOCore
import XMLRPC

/// Collects an XML-RPC response for the channel. The encoder appends many small pieces
/// (markup, names, numbers); they are gathered in a staging block and moved to the
/// outgoing buffer 64 KiB at a time, as appending each to the ByteBuffer cost more
/// than encoding them.
struct ResponseBody: XMLRPCOutput {
    private var buffer: ByteBuffer
    private let staging = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
    private var staged = 0

    /// `capacity`: a guess of the size, to spare regrowing a large answer.
    init(capacity: Int = 1024) {
        buffer = ByteBuffer()
        buffer.reserveCapacity(capacity)
    }

    mutating func appendBytes(_ bytes: UnsafeRawBufferPointer) {
        guard let source = bytes.baseAddress else { return }
        if staged + bytes.count > staging.count {
            flush()
            if bytes.count > staging.count {
                buffer.writeBytes(bytes)
                return
            }
        }
        (staging.baseAddress! + staged).copyMemory(from: source, byteCount: bytes.count)
        staged += bytes.count
    }

    private mutating func flush() {
        buffer.writeBytes(UnsafeRawBufferPointer(rebasing: staging[..<staged]))
        staged = 0
    }

    /// The whole response. The body is not used after this.
    mutating func finish() -> ByteBuffer {
        flush()
        staging.deallocate()
        return buffer
    }
}
