import Glibc

extension FastCGISocketConfig {
    /// The socket keys of an `[fcgi-program:x]`: `socket` (`unix:///abs/path` or `tcp://host:port`),
    /// `socket_backlog`, and for unix sockets `socket_owner` and `socket_mode`.
    static func read(_ section: SectionReader, programName: String) throws -> FastCGISocketConfig {
        let user = try section.value("user", ValueParsers.user)
        let backlog = try section.value("socket_backlog", ValueParsers.integer)
        if let backlog, !(1...65535).contains(backlog) {
            throw section.error("Invalid socket_backlog value \(backlog)", key: "socket_backlog")
        }
        var owner: OwnerSpec?
        if let text = try section.string("socket_owner") {
            owner = try section.convert(text, key: "socket_owner", ValueParsers.owner) { _ in
                "Invalid socket_owner value \(text)"
            }
        }
        var mode: UInt32?
        if let text = try section.string("socket_mode") {
            mode = try section.convert(text, key: "socket_mode", ValueParsers.octal) { _ in
                "Invalid socket_mode value \(text)"
            }
        }
        let socket = try section.raw("socket").map {
            try section.expand($0, key: "socket", extra: Expansions(["program_name": .string(programName)]))
        } ?? ""
        if socket.isEmpty {
            throw section.error("[\(section.name)] section requires a \"socket\" line")
        }
        do throws(InvalidValue) {
            return try parse(socket, user: user, owner: owner, mode: mode, backlog: backlog)
        } catch {
            throw section.error("\(error.message) in [\(section.name)] socket", key: "socket")
        }
    }

    /// The messages are the reference's, including its way of printing some of them as tuples.
    private static func parse(_ socket: String, user: UserSpec?, owner: OwnerSpec?, mode: UInt32?,
                              backlog: Int?) throws(InvalidValue) -> FastCGISocketConfig {
        if socket.hasPrefix("unix://") {
            let path = String(socket.dropFirst(7))
            guard path.hasPrefix("/") else {
                throw InvalidValue("('Unix socket path %s is not an absolute path', \(pythonRepr(path)))")
            }
            // A socket for a process running as someone else is handed to that user by default.
            var socketOwner = owner.map { ($0.uid, $0.gid) }
            if socketOwner == nil, let user, user.uid != getuid() {
                socketOwner = (user.uid, user.gid ?? UInt32.max)
            }
            return FastCGISocketConfig(address: .unix(path: Paths.normalize(path)), backlog: backlog,
                                       owner: socketOwner, mode: mode ?? 0o700)
        }
        if owner != nil || mode != nil {
            throw InvalidValue("socket_owner and socket_mode params should only be used with a Unix domain socket")
        }
        guard let (host, port) = tcpAddress(socket) else {
            throw InvalidValue("('Bad socket format %s', \(pythonRepr(socket)))")
        }
        return FastCGISocketConfig(address: .tcp(host: host, port: try ValueParsers.portNumber(port)),
                                   backlog: backlog)
    }

    /// `tcp://host:port`: a host free of colons and whitespace, then digits.
    private static func tcpAddress(_ socket: String) -> (String, String)? {
        guard socket.hasPrefix("tcp://") else { return nil }
        let rest = socket.dropFirst(6)
        guard let colon = rest.firstIndex(of: ":") else { return nil }
        let host = rest[..<colon]
        let port = rest[rest.index(after: colon)...]
        guard !host.isEmpty, !host.contains(where: \.isWhitespace),
              !port.isEmpty, port.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return (host.lowercased(), String(port))
    }
}
