import CSupervisor
#if canImport(Glibc)
import Glibc
#endif

/// A `GET` of one of supervisord's never-ending log URLs (`/logtail/…`,
/// `/mainlogtail`), copied to stdout as it arrives. Problems go to stderr as
/// "<url> <message>" and end the stream, as in the reference's HTTP client.
final class LogStream {
    /// serverurl + path, the name the reference uses in its messages.
    let url: String
    private var connection: Connection?
    private var parser = HTTPResponseParser()

    init(session: Session, path: String) {
        url = session.serverURL + path
        do {
            connection = try StreamRequest.open(session, path: path)
        } catch let error as ControlError {
            fail(error)
        } catch {
            fail(ControlError(pythonClass: "Exception", message: "\(error)"))
        }
    }

    var isOpen: Bool { connection != nil }
    var fd: Int32 { connection?.fd ?? -1 }

    /// Reads what is available (call when poll says readable) and prints the body.
    func readAvailable() throws {
        guard let connection else { return }
        do {
            let data = try connection.receive()
            if data.isEmpty {
                close()
                return
            }
            var body: [UInt8] = []
            try parser.feed(data) { body.append(contentsOf: $0) }
            if parser.status == 200 && !body.isEmpty { Output.write(bytes: body) }
            if parser.headersComplete && parser.status != 200 {
                Output.error("\(url) Cannot read, status code \(parser.status)\n")
                close()
            } else if parser.isComplete {
                close()
            }
        } catch let error as ControlError {
            fail(error)
        }
    }

    func close() {
        connection?.close()
        connection = nil
    }

    private func fail(_ error: ControlError) {
        Output.error("\(url) Cannot connect, error: <class '\(error.pythonClass)'> (\(error.message))\n")
        close()
    }
}

/// Waits for input on the open streams (and optionally stdin) and services them.
/// Returns when every stream has ended, or when `onStdinReadable` says to stop;
/// throws `Interrupted` on Ctrl-C.
func pumpLogStreams(_ streams: [LogStream], onStdinReadable: (() throws -> Bool)? = nil) throws {
    try Interrupt.blockedExceptWhileWaiting { waiting in
        try pump(streams, onStdinReadable: onStdinReadable, waiting: &waiting)
    }
}

private func pump(_ streams: [LogStream], onStdinReadable: (() throws -> Bool)?, waiting: inout sigset_t) throws {
    while true {
        try Interrupt.check()
        let open = streams.filter(\.isOpen)
        if open.isEmpty && onStdinReadable == nil { return }
        var fds = open.map { pollfd(fd: $0.fd, events: Int16(POLLIN), revents: 0) }
        if onStdinReadable != nil { fds.append(pollfd(fd: 0, events: Int16(POLLIN), revents: 0)) }
        Output.flush()
        if sv_ppoll(&fds, nfds_t(fds.count), &waiting) < 0 {
            guard errno == EINTR else { return }
            try Interrupt.check()
            continue
        }
        for (stream, entry) in zip(open, fds) where entry.revents != 0 { try stream.readAvailable() }
        if let onStdinReadable, let last = fds.last, last.revents != 0, try !onStdinReadable() { return }
    }
}
