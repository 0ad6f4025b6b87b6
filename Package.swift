// swift-tools-version:6.2
import PackageDescription

// Layers, each importing only the ones before it:
//   SupervisorCommon (what client and server share; Glibc only) -> SupervisorConfig (pure parsing) -> SupervisorCore (processes, logs, events)
//   -> SupervisorAPI (HTTP, XML-RPC methods, web UI) -> executables.
// XMLRPC is a pure codec (on SupervisorCommon) shared by the server and the supervisorctl client.
let package = Package(
    name: "swift-supervisor",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "supervisord", targets: ["supervisord"]),
        .executable(name: "supervisorctl", targets: ["supervisorctl"]),
        .executable(name: "echo_supervisord_conf", targets: ["echo_supervisord_conf"]),
        .executable(name: "pidproxy", targets: ["pidproxy"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
    ],
    targets: [
        // zlib (the system's libz) gzip-compresses rotated log files.
        .target(name: "CSupervisor", linkerSettings: [.linkedLibrary("z")]),
        .target(name: "SupervisorCommon", dependencies: ["CSupervisor"]),
        .target(name: "SupervisorConfig", dependencies: ["SupervisorCommon"]),
        .target(name: "XMLRPC", dependencies: ["SupervisorCommon"]),
        .target(
            name: "SupervisorCore",
            dependencies: [
                "SupervisorCommon", "SupervisorConfig", "CSupervisor",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]),
        .target(
            name: "SupervisorAPI",
            dependencies: [
                "SupervisorCommon", "SupervisorCore", "SupervisorConfig", "XMLRPC", "CSupervisor",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]),
        .executableTarget(
            name: "supervisord",
            dependencies: [
                "SupervisorAPI", "SupervisorCommon", "SupervisorCore", "SupervisorConfig", "CSupervisor",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]),
        .executableTarget(
            name: "supervisorctl",
            dependencies: ["SupervisorCommon", "SupervisorConfig", "XMLRPC", "CSupervisor"],
            // A single-threaded command-line client: all of it runs on the main thread.
            swiftSettings: [.defaultIsolation(MainActor.self)]),
        .executableTarget(name: "echo_supervisord_conf", dependencies: ["SupervisorConfig"]),
        .executableTarget(name: "pidproxy", dependencies: ["SupervisorCommon", "CSupervisor"]),
        .testTarget(name: "SupervisorConfigTests", dependencies: ["SupervisorCommon", "SupervisorConfig"]),
        .testTarget(name: "XMLRPCTests", dependencies: ["SupervisorCommon", "XMLRPC"]),
        .testTarget(
            name: "SupervisorCoreTests",
            dependencies: [
                "SupervisorCore", "CSupervisor",
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]),
        .testTarget(name: "SupervisorAPITests", dependencies: ["SupervisorAPI"]),
        .testTarget(name: "supervisorctlTests", dependencies: ["supervisorctl"]),
    ]
)
