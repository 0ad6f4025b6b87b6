import CSupervisor
import Glibc
import NIOCore
import NIOPosix
import SupervisorCommon

/// Delivers the daemon's signals as events on the loop, through a signalfd.
/// The signals are blocked for the whole process (children get a clean mask).
public enum SignalSource {
    /// The signals the daemon acts on.
    public static let handled: [Int32] = [SIGCHLD, SIGTERM, SIGINT, SIGQUIT, SIGHUP, SIGUSR2, SIGUSR1]

    /// Blocks the signals and returns the signalfd. Call before any thread starts.
    public static func blockAndOpen() throws -> Int32 {
        signal(SIGPIPE, SIG_IGN)
        let fd = handled.withUnsafeBufferPointer { sv_signalfd($0.baseAddress, Int32($0.count)) }
        guard fd >= 0 else { throw SystemError(errno: errno, what: "signalfd") }
        return fd
    }

    /// Reads `fd` on `eventLoop`, calling `handler` with each signal number.
    /// Call on `eventLoop`, where `handler` then runs.
    public static func attach(fd: Int32, on eventLoop: EventLoop, handler: @escaping (Int32) -> Void) -> EventLoopFuture<Channel> {
        let handler = NIOLoopBound(handler, eventLoop: eventLoop)
        return NIOPipeBootstrap(group: eventLoop)
            // signalfd reads must hold whole 128-byte records.
            .channelOption(.recvAllocator, value: FixedSizeRecvByteBufferAllocator(capacity: 128 * 16))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(SignalRecordReader(handler: handler.value))
                }
            }
            .takingOwnershipOfDescriptor(input: fd)
    }
}

/// Splits signalfd reads into `signalfd_siginfo` records; the signal number leads each.
private final class SignalRecordReader: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    private static let recordSize = 128
    private let handler: (Int32) -> Void

    init(handler: @escaping (Int32) -> Void) { self.handler = handler }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        while buffer.readableBytes >= Self.recordSize,
              let number = buffer.getInteger(at: buffer.readerIndex, endianness: .host, as: UInt32.self) {
            buffer.moveReaderIndex(forwardBy: Self.recordSize)
            handler(Int32(bitPattern: number))
        }
    }
}
