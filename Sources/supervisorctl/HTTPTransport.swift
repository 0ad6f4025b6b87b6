import SupervisorCommon
import SupervisorConfig
#if canImport(Glibc)
import Glibc
#endif
import XMLRPC

/// Where supervisord listens, from a `serverurl`.
enum Endpoint: Equatable {
    case unix(path: String)
    case tcp(host: String, port: Int)

    /// Accepts what the reference's transport accepts: `unix://PATH` and
    /// `http://HOST[:PORT]` (port 80 by default); anything else is the
    /// reference's "Unknown protocol" ValueError.
    init(serverURL url: String) throws {
        if url.hasPrefix("unix://") {
            self = .unix(path: String(url.dropFirst(7)))
            return
        }
        guard url.hasPrefix("http://") else {
            throw ControlError(pythonClass: "ValueError", message: "Unknown protocol for serverurl \(url)")
        }
        var authority = Substring(url.dropFirst(7))
        if let end = authority.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) {
            authority = authority[..<end]
        }
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        var host = authority
        var port = 80
        if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {  // [IPv6]:port
            host = authority[authority.index(after: authority.startIndex)..<close]
            let rest = authority[authority.index(after: close)...]
            if rest.hasPrefix(":"), let p = Int(rest.dropFirst()) { port = p }
        } else if let colon = authority.lastIndex(of: ":") {
            host = authority[..<colon]
            let portText = authority[authority.index(after: colon)...]
            if !portText.isEmpty {
                guard let p = Int(portText), (0...65535).contains(p) else {
                    throw ControlError(pythonClass: "ValueError", message: "Port could not be cast to integer value as \(pythonRepr(String(portText)))")
                }
                port = p
            }
        }
        self = .tcp(host: host.lowercased(), port: port)
    }
}

/// A failure the reference would report as a Python exception; `pythonClass`
/// and `message` reproduce its `error: <class '…'>, …` line.
struct ControlError: Error {
    var pythonClass: String
    var message: String
    /// The errno of a socket error, which some commands turn into friendlier messages.
    var errno: Int32?
    /// Where we raised it, printed where the reference prints a Python file and line.
    var file: String
    var line: Int

    init(pythonClass: String, message: String, errno: Int32? = nil, file: String = #fileID, line: Int = #line) {
        self.pythonClass = pythonClass
        self.message = message
        self.errno = errno
        self.file = file
        self.line = line
    }

    /// An `OSError` for `code`, named by the subclass Python would raise.
    static func os(_ code: Int32, file: String = #fileID, line: Int = #line) -> ControlError {
        let cls: String
        switch code {
        case ENOENT: cls = "FileNotFoundError"
        case ECONNREFUSED: cls = "ConnectionRefusedError"
        case ECONNRESET: cls = "ConnectionResetError"
        case ECONNABORTED: cls = "ConnectionAbortedError"
        case EPIPE: cls = "BrokenPipeError"
        case EACCES, EPERM: cls = "PermissionError"
        case ETIMEDOUT: cls = "TimeoutError"
        default: cls = "OSError"
        }
        return ControlError(pythonClass: cls, message: "[Errno \(code)] \(String(cString: strerror(code)))",
                            errno: code, file: file, line: line)
    }
}

/// A connected stream socket. Blocking: the client does one thing at a time,
/// except `fg`, which polls several of these at once.
struct Connection {
    let fd: Int32

    static func open(_ endpoint: Endpoint) throws -> Connection {
        switch endpoint {
        case let .unix(path): return try openUnix(path)
        case let .tcp(host, port): return try openTCP(host, port)
        }
    }

    private static func openUnix(_ path: String) throws -> Connection {
        guard let address = UnixSocketAddress(path: path) else {
            throw ControlError(pythonClass: "OSError", message: "AF_UNIX path too long")
        }
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw ControlError.os(errno) }
        let result = address.withSockaddr { connect(fd, $0, $1) }
        guard result == 0 else {
            let code = errno
            Glibc.close(fd)
            throw ControlError.os(code)
        }
        return Connection(fd: fd)
    }

    /// Tries each resolved address in turn, as Python's `socket.create_connection` does.
    private static func openTCP(_ host: String, _ port: Int) throws -> Connection {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0 else {
            throw ControlError(pythonClass: "socket.gaierror",
                               message: "[Errno \(status)] \(String(cString: gai_strerror(status)))")
        }
        defer { freeaddrinfo(list) }
        var lastError = ControlError(pythonClass: "OSError", message: "getaddrinfo returns an empty list")
        var entry = list
        while let info = entry?.pointee {
            entry = info.ai_next
            let fd = socket(info.ai_family, info.ai_socktype | Int32(SOCK_CLOEXEC.rawValue), info.ai_protocol)
            guard fd >= 0 else {
                lastError = ControlError.os(errno)
                continue
            }
            if connect(fd, info.ai_addr, info.ai_addrlen) == 0 { return Connection(fd: fd) }
            lastError = ControlError.os(errno)
            Glibc.close(fd)
        }
        throw lastError
    }

    func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n < 0 {
                guard errno == EINTR else { throw ControlError.os(errno) }
                try Interrupt.check()
                continue
            }
            offset += n
        }
    }

    /// Up to 64 KiB; empty at end of stream. Throws `Interrupted` on Ctrl-C.
    func receive() throws -> [UInt8] {
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n >= 0 {
                chunk.removeSubrange(n...)
                return chunk
            }
            guard errno == EINTR else { throw ControlError.os(errno) }
            try Interrupt.check()
        }
    }

    func close() { Glibc.close(fd) }
}

/// The `Authorization` header value for HTTP basic auth.
func basicAuthorization(username: String, password: String) -> String {
    "Basic " + String(decoding: Base64.encode(Array("\(username):\(password)".utf8)), as: UTF8.self)
}
