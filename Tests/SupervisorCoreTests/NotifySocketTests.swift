import Glibc
import NIOCore
import SupervisorCommon
import SupervisorConfig
import XCTest

@testable import SupervisorCore

/// The sd_notify receiving end: real datagrams from the test and from real children.
final class NotifySocketTests: XCTestCase {
    private var live: LiveSupervisor!
    /// Kept open until the test ends, as a process keeps its socket.
    private var sockets: [NIOLoopBound<NotifySocket>] = []

    override func setUpWithError() throws {
        live = try LiveSupervisor { $0.directory = "/" }
    }

    override func tearDownWithError() throws {
        let sockets = sockets
        try live.run { supervisor, _, _ in
            for socket in sockets { socket.value.close() }
            return supervisor.eventLoop.makeSucceededVoidFuture()
        }
        try live.shutdown()
    }

    /// A socket that collects what arrives; `messages` completes once `count` messages are in.
    private func openSocket(expecting count: Int) throws -> (socket: NIOLoopBound<NotifySocket>, path: String,
                                                             messages: EventLoopFuture<[NotifyMessage]>) {
        let live = live!
        let opened = try live.run { supervisor, _, _ in
            let promise = live.promise(of: [NotifyMessage].self)
            let received = Box<[NotifyMessage]>([])
            let socket = try NotifySocket(for: "p", supervisor: supervisor) { message in
                received.value.append(message)
                if received.value.count == count { promise.succeed(received.value) }
            }
            return supervisor.eventLoop.makeSucceededFuture((NIOLoopBound(socket, eventLoop: supervisor.eventLoop), socket.path,
                                                             promise.futureResult))
        }
        sockets.append(opened.0)
        return opened
    }

    private func wait<Value: Sendable>(_ future: EventLoopFuture<Value>) throws -> Value {
        try live.run { _, _, _ in future }
    }

    private func send(_ text: String, to path: String) throws {
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        defer { close(fd) }
        let sent = UnixSocketAddress(path: path)!.withSockaddr { address, length in
            Array(text.utf8).withUnsafeBytes { sendto(fd, $0.baseAddress, $0.count, 0, address, length) }
        }
        guard sent >= 0 else { throw SystemError(errno: errno, what: "sendto \(path)") }
    }

    func testADatagramFromAPlainSocketIsParsedAndHandedOver() throws {
        let (_, path, messages) = try openSocket(expecting: 1)
        try send("READY=1\nSTATUS=hi", to: path)
        XCTAssertEqual(try wait(messages), [NotifyMessage(ready: true, status: "hi")])
    }

    func testAnEmptyDatagramIsAnEmptyMessageAndReadingGoesOn() throws {
        let (_, path, messages) = try openSocket(expecting: 2)
        try send("", to: path)
        try send("WATCHDOG=1", to: path)
        XCTAssertEqual(try wait(messages), [NotifyMessage(), NotifyMessage(watchdog: true)])
    }

    func testADatagramFromAChildIsHandedOver() throws {
        let (_, path, messages) = try openSocket(expecting: 1)
        let sender = "/usr/bin/python3 -c 'import socket, sys; socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM).sendto(b\"READY=1\\nSTATUS=hi\", sys.argv[1])' \(path)"
        XCTAssertEqual(try live.probe(.exec(command: sender)), .passed)
        XCTAssertEqual(try wait(messages), [NotifyMessage(ready: true, status: "hi")])
    }

    func testAChildRunningAsAnotherUserCanSend() throws {
        try XCTSkipUnless(getuid() == 0, "needs root to run a child as nobody")
        try live.shutdown()
        live = try LiveSupervisor { program in
            program.directory = "/"
            program.user = UserSpec(name: "nobody", uid: 65534, gid: 65534)
        }
        let (_, path, messages) = try openSocket(expecting: 1)
        let sender = "/usr/bin/python3 -c 'import os, socket, sys; assert os.getuid() == 65534; socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM).sendto(b\"READY=1\", sys.argv[1])' \(path)"
        XCTAssertEqual(try live.probe(.exec(command: sender)), .passed, live.mainLog())
        XCTAssertEqual(try wait(messages), [NotifyMessage(ready: true)])
    }

    func testSystemdNotifyWorksUnchanged() throws {
        try XCTSkipUnless(access("/usr/bin/systemd-notify", X_OK) == 0, "systemd-notify is not installed")
        let (_, path, messages) = try openSocket(expecting: 1)
        // Without --no-block it also sends a barrier (a descriptor it waits to see closed):
        // the socket reads without taking descriptors, so the kernel closes it.
        XCTAssertEqual(try live.probe(.exec(command: "/bin/sh -c 'NOTIFY_SOCKET=\(path) exec /usr/bin/systemd-notify --ready --status=hi'"),
                                      timeout: .seconds(10)), .passed)
        XCTAssertEqual(try wait(messages), [NotifyMessage(ready: true, status: "hi")])
    }

    func testADatagramOverTheLimitIsIgnoredWithAWarning() throws {
        let (_, path, messages) = try openSocket(expecting: 1)
        try send("STATUS=" + String(repeating: "x", count: NotifySocket.maxDatagramBytes), to: path)
        try send("WATCHDOG=1", to: path)
        XCTAssertEqual(try wait(messages), [NotifyMessage(watchdog: true)])
        XCTAssertTrue(live.mainLog().contains("WARN notify socket of 'p': ignored a datagram of more than 4096 bytes"), live.mainLog())
    }

    func testTheSocketIsReachableByAnyoneItsPathIsShortAndClosingRemovesIt() throws {
        let (socket, path, _) = try openSocket(expecting: 1)
        XCTAssertLessThan(path.utf8.count, 108)
        var info = stat()
        XCTAssertEqual(stat(path, &info), 0)
        XCTAssertEqual(info.st_mode & S_IFMT, S_IFSOCK)
        XCTAssertEqual(info.st_mode & 0o777, 0o666)
        let directory = String(path[..<path.lastIndex(of: "/")!])
        XCTAssertEqual(stat(directory, &info), 0)
        XCTAssertEqual(info.st_mode & 0o777, 0o711)

        try live.run { supervisor, _, _ in
            socket.value.close()
            return supervisor.eventLoop.makeSucceededVoidFuture()
        }
        XCTAssertEqual(access(path, F_OK), -1, "the socket file is removed on close")
        try live.run { supervisor, _, _ in
            supervisor.notifySockets.remove()
            return supervisor.eventLoop.makeSucceededVoidFuture()
        }
        XCTAssertEqual(access(directory, F_OK), -1, "the directory is removed when the daemon finishes")
    }

    func testTheDaemonsDirectoryRemovesTheSocketsLeftInIt() throws {
        let (_, path, _) = try openSocket(expecting: 1)
        try live.run { supervisor, _, _ in
            supervisor.notifySockets.remove()
            return supervisor.eventLoop.makeSucceededVoidFuture()
        }
        XCTAssertEqual(access(path, F_OK), -1)
        XCTAssertEqual(access(String(path[..<path.lastIndex(of: "/")!]), F_OK), -1)
    }
}
