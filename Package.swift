// swift-tools-version:6.2
import PackageDescription

// Layers, each importing only the ones before it:
//   SupervisorCommon (what client and server share; Glibc only) -> SupervisorConfig (pure parsing) -> SupervisorCore (processes, logs, events)
//   -> SupervisorAPI (HTTP, XML-RPC methods, web UI) -> executables.
// XMLRPC is a pure codec (on SupervisorCommon) shared by the server and the supervisorctl client.

// Release builds keep the daemon's resident memory small (docs/benchmarks.md, "Resident
// memory"). The kernel maps a binary's code 64 KiB at a time around each page touched, so
// the functions an idle daemon has run are placed together: each of our functions gets its
// own section, and lld places those named in link-order.txt (made by bench/link-order)
// first, after the compiler's unnamed local functions (link-order.ld). Not position
// independent, the loader has no relocations to apply to the data (which would copy its
// pages); not exporting our symbols, it has no symbol table to read; and the C++ library
// the Swift runtime needs is linked statically (static-libstdc++/).
let release = BuildSettingCondition.when(configuration: .release)
let ownSections = [SwiftSetting.unsafeFlags(["-Xfrontend", "-function-sections"], release)]
let daemonDirectory = #filePath.split(separator: "/").dropLast().joined(separator: "/") + "/Sources/supervisord"
let daemonLayout = [
    LinkerSetting.unsafeFlags([
        "-use-ld=lld",
        "-Xlinker", "--symbol-ordering-file=/\(daemonDirectory)/link-order.txt", "-Xlinker", "--no-warn-symbol-ordering",
        "-Xlinker", "-T", "-Xlinker", "/\(daemonDirectory)/link-order.ld",
        "-Xlinker", "-no-pie", "-Xlinker", "--no-export-dynamic",
        "-L/\(daemonDirectory)/static-libstdc++",
    ], release),
]

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
        .target(name: "SupervisorCommon", dependencies: ["CSupervisor"], swiftSettings: ownSections),
        .target(name: "SupervisorConfig", dependencies: ["SupervisorCommon"], swiftSettings: ownSections),
        .target(name: "XMLRPC", dependencies: ["SupervisorCommon"], swiftSettings: ownSections),
        .target(
            name: "SupervisorCore",
            dependencies: [
                "SupervisorCommon", "SupervisorConfig", "CSupervisor",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: ownSections),
        .target(
            name: "SupervisorAPI",
            dependencies: [
                "SupervisorCommon", "SupervisorCore", "SupervisorConfig", "XMLRPC", "CSupervisor",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: ownSections),
        .executableTarget(
            name: "supervisord",
            dependencies: [
                "SupervisorAPI", "SupervisorCommon", "SupervisorCore", "SupervisorConfig", "CSupervisor",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            exclude: ["link-order.txt", "link-order.ld", "static-libstdc++"],
            swiftSettings: ownSections,
            linkerSettings: daemonLayout),
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
