import NIOCore
import NIOEmbedded
import SupervisorConfig
import XCTest

@testable import SupervisorCore

/// A supervisor on a test clock (`EmbeddedEventLoop`) with a fake spawner, for the tests
/// of what the supervisor does over time.
class EmbeddedSupervisorCase: XCTestCase {
    var loop: EmbeddedEventLoop!
    var spawner: FakeSpawner!
    var supervisor: Supervisor!

    override func setUp() {
        loop = EmbeddedEventLoop()
        spawner = FakeSpawner()
    }

    override func tearDown() {
        supervisor = nil
        try? loop.syncShutdownGracefully()
    }

    /// Starts a supervisor with `groups` (main log off) and runs the loop's pending work.
    func startSupervisor(_ groups: [GroupConfig]) {
        var config = Configuration(path: "/nonexistent/supervisord.conf")
        config.groups = groups
        supervisor = Supervisor(config: config, eventLoop: loop, log: MainLog(level: .critical, file: nil, echoToStdout: false),
                                spawner: spawner)
        supervisor.start()
        loop.run()
    }
}
