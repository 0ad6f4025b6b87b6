/// A `GET` of one of supervisord's never-ending URLs (`/logtail/…`, `/mainlogtail`,
/// `/api/v1/events`), sent as the reference's streaming HTTP client sends it.
enum StreamRequest {
    /// Connects to the session's server and sends the request; the response is the caller's to read.
    static func open(_ session: Session, path: String) throws -> Connection {
        let endpoint = try Endpoint(serverURL: session.serverURL)
        var host = "localhost"
        if case let .tcp(name, port) = endpoint { host = "\(name):\(port)" }
        var head = "GET \(path) HTTP/1.1\r\nHost: \(host)\r\nAccept-Encoding: chunked\r\nAccept: */*\r\n"
        head += "User-agent: Supervisor HTTP Client\r\n"
        // The reference's streaming client sends credentials whenever a password is set.
        if let password = session.password, !password.isEmpty {
            head += "Authorization: \(basicAuthorization(username: session.username ?? "", password: password))\r\n"
        }
        head += "\r\n"
        let connection = try Connection.open(endpoint)
        do {
            try connection.send(Array(head.utf8))
        } catch {
            connection.close()
            throw error
        }
        return connection
    }
}
