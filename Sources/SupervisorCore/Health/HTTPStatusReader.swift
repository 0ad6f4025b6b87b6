import NIOCore

/// The `http://` check's side of the connection: reads the response's status line
/// (`HTTP/1.1 200 OK`, at most `maxLineBytes`) and reports 2xx and 3xx as passed, any
/// other status as `HTTP 500`. Nothing after that line is read.
final class HTTPStatusReader: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    static let maxLineBytes = 1024

    private var line: [UInt8] = []
    private var onResult: ((ProbeResult) -> Void)?

    init(onResult: @escaping (ProbeResult) -> Void) {
        self.onResult = onResult
    }

    /// The GET the check sends: one request, then the server closes.
    static func request(host: String, port: Int, path: String) -> String {
        let name = host.contains(":") ? "[\(host)]" : host
        let authority = port == 80 ? name : "\(name):\(port)"
        return "GET \(path.isEmpty ? "/" : path) HTTP/1.1\r\nHost: \(authority)\r\nConnection: close\r\nUser-Agent: supervisord\r\n\r\n"
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard onResult != nil else { return }
        let buffer = unwrapInboundIn(data)
        let bytes = buffer.readableBytesView
        if let newline = bytes.firstIndex(of: UInt8(ascii: "\n")), line.count + (newline - bytes.startIndex) <= Self.maxLineBytes {
            line += bytes[..<newline]
            deliver(Self.result(statusLine: line))
        } else if line.count + bytes.count > Self.maxLineBytes {
            deliver(.failed("invalid HTTP response"))
        } else {
            line += bytes
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        deliver(.failed("connection closed without a response"))
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        deliver(.failed(ConnectProbe.failureReason(error)))
        context.close(promise: nil)
    }

    private func deliver(_ result: ProbeResult) {
        guard let onResult else { return }
        self.onResult = nil
        onResult(result)
    }

    /// `HTTP/1.x CODE REASON`: passed for 2xx and 3xx.
    private static func result(statusLine: [UInt8]) -> ProbeResult {
        let line = statusLine.last == UInt8(ascii: "\r") ? statusLine.dropLast() : statusLine[...]
        let words = line.split(separator: UInt8(ascii: " "), maxSplits: 2, omittingEmptySubsequences: true)
        guard words.count >= 2, words[0].starts(with: Array("HTTP/".utf8)), words[1].count == 3,
              words[1].allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
              let code = Int(String(decoding: words[1], as: UTF8.self)) else {
            return .failed("invalid HTTP response")
        }
        return (200..<400).contains(code) ? .passed : .failed("HTTP \(code)")
    }
}
