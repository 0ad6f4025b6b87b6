import NIOCore
import XMLRPC

/// Collects an XML-RPC response for the channel. The encoder appends many small pieces
/// (markup, names, numbers); they are gathered in a staging block and moved to the
/// outgoing buffer 64 KiB at a time, as appending each to the ByteBuffer cost more
/// than encoding them.
struct ResponseBody: XMLRPCOutput {
    private var buffer: ByteBuffer
    private let block = StagingBlock()
    private var staged = 0
    private var staging: UnsafeMutableRawBufferPointer { block.bytes }

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

    /// The whole response.
    mutating func finish() -> ByteBuffer {
        flush()
        return buffer
    }
}

/// The staging memory, freed with the body that owns it: nothing to forget, nothing freed
/// twice (a copy of a body would share it, so one body is written at a time).
private final class StagingBlock {
    let bytes = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)

    deinit {
        bytes.deallocate()
    }
}
