import CSupervisor
import Glibc
import NIOCore
import NIOPosix

/// The spawn helper's report pipe: end of file once the child has exec'd, or (stage, errno)
/// when it failed before. Watched on the event loop instead of waited for.
enum ExecReport {
    static func watch(fd: Int32, on eventLoop: EventLoop, failure: @escaping (Int32, Int32) -> Void) {
        guard fd >= 0 else { return }
        NIOPipeBootstrap(group: eventLoop)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ReportReader(failure: failure))
                }
            }
            .takingOwnershipOfDescriptor(input: fd)
            .whenFailure { _ in close(fd) }
    }

    static func stageName(_ stage: Int32) -> String {
        switch stage {
        case Int32(SV_STAGE_SETUID): "setuid"
        case Int32(SV_STAGE_CHDIR): "chdir"
        default: "exec"
        }
    }
}

private final class ReportReader: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    private var bytes: [UInt8] = []
    private let failure: (Int32, Int32) -> Void

    init(failure: @escaping (Int32, Int32) -> Void) { self.failure = failure }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        bytes += buffer.readBytes(length: buffer.readableBytes) ?? []
    }

    func channelInactive(context: ChannelHandlerContext) {
        guard bytes.count >= 8 else { return }
        let stage = bytes.withUnsafeBytes { $0.load(fromByteOffset: 0, as: Int32.self) }
        let err = bytes.withUnsafeBytes { $0.load(fromByteOffset: 4, as: Int32.self) }
        failure(stage, err)
    }
}
