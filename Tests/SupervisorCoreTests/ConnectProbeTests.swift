import Glibc
import NIOCore
import SupervisorConfig
import XCTest

@testable import SupervisorCore

/// `tcp:` and `http://` attempts against real sockets on a real event loop.
final class ConnectProbeTests: XCTestCase {
    private var live: LiveSupervisor!

    override func setUpWithError() throws {
        live = try LiveSupervisor()
    }

    override func tearDownWithError() throws {
        try live.shutdown()
    }

    func testTCPPassesWhenSomethingListens() throws {
        let listener = try TestSockets.bound(listening: 8)
        defer { close(listener.fd) }
        XCTAssertEqual(try live.probe(.tcp(host: "127.0.0.1", port: listener.port)), .passed)
        XCTAssertEqual(try live.probe(.tcp(host: "localhost", port: listener.port)), .passed)
    }

    func testTCPFailsWithTheSystemsTextWhenRefused() throws {
        let bound = try TestSockets.bound(listening: nil)
        defer { close(bound.fd) }
        XCTAssertEqual(try live.probe(.tcp(host: "127.0.0.1", port: bound.port)), .failed("connection refused"))
    }

    func testTCPTimesOutWhenNothingAnswers() throws {
        // A listener whose accept queue (backlog 0: one connection) is full drops new SYNs.
        let listener = try TestSockets.bound(listening: 0)
        defer { close(listener.fd) }
        let filler = try TestSockets.connected(to: listener.port)
        defer { close(filler) }
        XCTAssertEqual(try live.probe(.tcp(host: "127.0.0.1", port: listener.port), timeout: .milliseconds(300)),
                       .failed("timed out after 0.3 seconds"))
    }

    func testTCPFailsWhenTheNameDoesNotResolve() throws {
        XCTAssertEqual(try live.probe(.tcp(host: "no-such-host.invalid", port: 80)),
                       .failed("cannot resolve host 'no-such-host.invalid'"))
    }

    func testHTTPSendsAGetAndPassesOn200() throws {
        let server = try TestHTTPServer(on: live.loop, response: "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
        let url = "http://127.0.0.1:\(server.port)/health?x=1"
        XCTAssertEqual(try live.probe(.http(url: url, host: "127.0.0.1", port: server.port, path: "/health?x=1")), .passed)
        let request = try server.firstRequest.wait()
        XCTAssertTrue(request.hasPrefix("GET /health?x=1 HTTP/1.1\r\n"), request)
        XCTAssertTrue(request.contains("\r\nHost: 127.0.0.1:\(server.port)\r\n"), request)
        XCTAssertTrue(request.contains("\r\nConnection: close\r\n"), request)
    }

    func testHTTPPassesOnARedirect() throws {
        let server = try TestHTTPServer(on: live.loop, response: "HTTP/1.0 302 Found\r\nLocation: /elsewhere\r\n\r\n")
        XCTAssertEqual(try live.probe(http(server.port)), .passed)
    }

    func testHTTPFailsWithTheStatusOtherwise() throws {
        let server = try TestHTTPServer(on: live.loop, response: "HTTP/1.1 500 Internal Server Error\r\n\r\n")
        XCTAssertEqual(try live.probe(http(server.port)), .failed("HTTP 500"))
    }

    func testHTTPFailsOnWhatIsNotAStatusLine() throws {
        let server = try TestHTTPServer(on: live.loop, response: "SSH-2.0-OpenSSH\r\n")
        XCTAssertEqual(try live.probe(http(server.port)), .failed("invalid HTTP response"))
    }

    func testHTTPFailsOnAnEndlessStatusLine() throws {
        let server = try TestHTTPServer(on: live.loop, response: "HTTP/1.1 200 " + String(repeating: "x", count: 5000))
        XCTAssertEqual(try live.probe(http(server.port)), .failed("invalid HTTP response"))
    }

    func testHTTPFailsWhenClosedWithoutAnAnswer() throws {
        let server = try TestHTTPServer(on: live.loop, response: "")
        XCTAssertEqual(try live.probe(http(server.port)), .failed("connection closed without a response"))
    }

    func testHTTPFailsLikeTCPWhenRefused() throws {
        let bound = try TestSockets.bound(listening: nil)
        defer { close(bound.fd) }
        XCTAssertEqual(try live.probe(http(bound.port)), .failed("connection refused"))
    }

    func testHTTPTimesOutWhenNoAnswerComes() throws {
        let server = try TestHTTPServer(on: live.loop, response: nil)
        XCTAssertEqual(try live.probe(http(server.port), timeout: .milliseconds(200)), .failed("timed out after 0.2 seconds"))
        // The connection was closed at the timeout.
        try server.firstConnectionClosed.wait()
    }

    func testACancelledAttemptClosesItsConnectionAndNeverReports() throws {
        let server = try TestHTTPServer(on: live.loop, response: nil)
        let spec = http(server.port)
        let reported = try live.run { supervisor, process, _ in
            let reported = NIOLoopBound(Box(false), eventLoop: supervisor.eventLoop)
            let attempt = ProbeRunner(supervisor: supervisor).run(spec, for: process, timeout: .seconds(10)) { _ in
                reported.value.value = true
            }
            let cancellable = NIOLoopBound(attempt, eventLoop: supervisor.eventLoop)
            // Once the request is in, cancel; then wait for the server to see the connection end.
            return server.firstRequest.flatMap { _ in
                cancellable.value.cancel()
                return server.firstConnectionClosed
            }.map { reported }
        }
        // One more turn of the loop, for a result that would have been queued.
        let afterwards = try live.run { supervisor, _, _ in supervisor.eventLoop.submit { reported.value.value } }
        XCTAssertFalse(afterwards)
    }

    private func http(_ port: Int) -> ProbeSpec {
        .http(url: "http://127.0.0.1:\(port)/", host: "127.0.0.1", port: port, path: "/")
    }
}
