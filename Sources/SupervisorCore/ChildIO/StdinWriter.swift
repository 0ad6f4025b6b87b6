import Glibc
import NIOCore
import NIOPosix

/// The parent's end of a child's stdin. Writes go through a NIO pipe channel, created on
/// first use, which buffers what the child has not read yet: a child that never reads its
/// stdin cannot block the daemon.
final class StdinWriter {
    private var fd: Int32
    private var channel: EventLoopFuture<Channel>?
    private let eventLoop: EventLoop

    init(fd: Int32, eventLoop: EventLoop) {
        self.fd = fd
        self.eventLoop = eventLoop
    }

    var isOpen: Bool { fd >= 0 }

    func write(_ bytes: [UInt8]) {
        guard fd >= 0 else { return }
        if channel == nil {
            channel = NIOPipeBootstrap(group: eventLoop).takingOwnershipOfDescriptor(output: fd)
        }
        channel?.whenSuccess { channel in
            channel.writeAndFlush(channel.allocator.buffer(bytes: bytes), promise: nil)
        }
    }

    func close() {
        guard fd >= 0 else { return }
        if let channel {
            // Let queued input drain before the channel closes the descriptor.
            channel.whenSuccess { $0.close(mode: .output, promise: nil) }
        } else {
            Glibc.close(fd)
        }
        fd = -1
        channel = nil
    }
}
