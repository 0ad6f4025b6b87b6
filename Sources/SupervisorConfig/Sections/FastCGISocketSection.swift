import Glibc

extension FastCGISocketConfig {
    /// The socket keys of an `[fcgi-program:x]`: `socket` (`unix:///abs/path` or `tcp://host:port`),
    /// `socket_backlog`, and for unix sockets `socket_owner` and `socket_mode`.
    static func read(_ section: SectionReader, programName: String) throws -> FastCGISocketConfig {
        let user = try section.value("user", ValueParsers.user)
        let backlog = try section.value("socket_backlog", ValueParsers.integer)
        if let backlog, !(1...65535).contains(backlog) {
            throw section.error("\(backlog) is out of range (1-65535)", key: "socket_backlog")
        }
        let owner = try section.value("socket_owner", ValueParsers.owner)
        let mode = try section.value("socket_mode", ValueParsers.octal)
        guard let template = section.raw("socket"), !template.isEmpty else {
            throw section.error("an [fcgi-program:x] section needs a socket key")
        }
        let socket = try section.expand(template, key: "socket",
                                        extra: Expansions(["program_name": .string(programName)]))

        if socket.hasPrefix("unix://") {
            let path = String(socket.dropFirst(7))
            guard path.hasPrefix("/") else {
                throw section.error("unix socket path '\(path)' is not absolute", key: "socket")
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
            throw section.error("socket_owner and socket_mode only apply to unix:// sockets", key: "socket")
        }
        guard let address = tcpAddress(socket) else {
            throw section.error("'\(socket)' is neither unix:///absolute/path nor tcp://host:port", key: "socket")
        }
        return FastCGISocketConfig(address: address, backlog: backlog)
    }

    /// `tcp://host:port` with a host free of colons and whitespace and a port of 1 to 65535.
    private static func tcpAddress(_ socket: String) -> Address? {
        guard socket.hasPrefix("tcp://") else { return nil }
        let rest = socket.dropFirst(6)
        guard let colon = rest.firstIndex(of: ":") else { return nil }
        let host = rest[..<colon]
        let port = rest[rest.index(after: colon)...]
        guard !host.isEmpty, !host.contains(where: \.isWhitespace),
              !port.isEmpty, port.allSatisfy({ $0.isASCII && $0.isNumber }),
              let number = Int(port), (1...65535).contains(number) else { return nil }
        return .tcp(host: host.lowercased(), port: number)
    }
}
