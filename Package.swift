// swift-tools-version:6.0
import PackageDescription

// Layers, each importing only the ones before it:
//   SupervisorCommon (what client and server share; Glibc only) -> SupervisorConfig (pure parsing) -> SupervisorCore (processes, logs, events)
//   -> SupervisorAPI (HTTP, XML-RPC methods, web UI) -> executables.
// XMLRPC is a pure codec shared by the server and the supervisorctl client.
let swift5 = [SwiftSetting.swiftLanguageMode(.v5)]

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
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
    ],
    targets: [
        .target(name: "CSupervisor"),
        .target(name: "SupervisorCommon", swiftSettings: swift5),
        .target(name: "SupervisorConfig", dependencies: ["SupervisorCommon"], swiftSettings: swift5),
        .target(name: "XMLRPC", swiftSettings: swift5),
        .target(
            name: "SupervisorCore",
            dependencies: [
                "SupervisorCommon", "SupervisorConfig", "CSupervisor",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: swift5),
        .target(
            name: "SupervisorAPI",
            dependencies: [
                "SupervisorCommon", "SupervisorCore", "SupervisorConfig", "XMLRPC", "CSupervisor",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: swift5),
        .executableTarget(
            name: "supervisord",
            dependencies: [
                "SupervisorAPI", "SupervisorCommon", "SupervisorCore", "SupervisorConfig", "CSupervisor",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: swift5),
        .executableTarget(
            name: "supervisorctl",
            dependencies: ["SupervisorCommon", "SupervisorConfig", "XMLRPC", "CSupervisor"],
            swiftSettings: swift5),
        .executableTarget(name: "echo_supervisord_conf", dependencies: ["SupervisorConfig"], swiftSettings: swift5),
        .executableTarget(name: "pidproxy", dependencies: ["SupervisorCommon", "CSupervisor"], swiftSettings: swift5),
        .testTarget(name: "SupervisorConfigTests", dependencies: ["SupervisorCommon", "SupervisorConfig"], swiftSettings: swift5),
        .testTarget(name: "XMLRPCTests", dependencies: ["XMLRPC"], swiftSettings: swift5),
        .testTarget(
            name: "SupervisorCoreTests",
            dependencies: ["SupervisorCore", .product(name: "NIOEmbedded", package: "swift-nio")],
            swiftSettings: swift5),
        .testTarget(name: "SupervisorAPITests", dependencies: ["SupervisorAPI"], swiftSettings: swift5),
        .testTarget(name: "supervisorctlTests", dependencies: ["supervisorctl"], swiftSettings: swift5),
    ]
)
