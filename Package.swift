// swift-tools-version: 6.0
import PackageDescription

// Our own targets treat warnings as errors; dependencies keep their own settings.
let strict: [SwiftSetting] = [.unsafeFlags(["-warnings-as-errors"])]

let package = Package(
    name: "Hangar",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "hangar", targets: ["hangar"]),
        .library(name: "FlyConfig", targets: ["FlyConfig"]),
        .library(name: "HangarCore", targets: ["HangarCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.3"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-certificates", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-asn1", from: "1.7.4"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    ],
    targets: [
        // Pure: the fly.toml language (TOML reader, model, decoding, rules).
        .target(name: "FlyConfig", swiftSettings: strict),
        // Pure: the desired state (plans of machines, deploy steps) shared by runtime, proxy and export.
        .target(name: "HangarCore", dependencies: ["FlyConfig"], swiftSettings: strict),
        // Pure: renderers from a Plan to Kubernetes, Nomad and compose.
        .target(
            name: "HangarExport",
            dependencies: ["HangarCore", .product(name: "Yams", package: "Yams")],
            swiftSettings: strict
        ),
        // The embedded SQLite database (WAL) and sealed secrets.
        .target(
            name: "HangarStore",
            dependencies: [
                "HangarCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        // Linux calls Swift cannot see through Glibc (_GNU_SOURCE), and the pre-exec machine init.
        .target(name: "CHangarShim"),
        // Making the world match the plan: machines as isolated, supervised processes.
        .target(
            name: "HangarRuntime",
            dependencies: ["HangarCore", "HangarStore", "CHangarShim"],
            swiftSettings: strict
        ),
        // The edge (SwiftNIO): listeners, handlers, balancing, TLS with a local CA. Reads routing
        // tables and sends demand through HangarCore's contract; never imports the runtime.
        .target(
            name: "HangarProxy",
            dependencies: [
                "HangarCore",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOTLS", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            swiftSettings: strict
        ),
        // The daemon's REST API over a unix socket (and the CLI's client for it).
        .target(
            name: "HangarAPI",
            dependencies: ["HangarCore", "HangarStore", "HangarRuntime"],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "hangar",
            dependencies: [
                "FlyConfig", "HangarCore", "HangarExport", "HangarStore", "HangarRuntime", "HangarAPI",
                "HangarProxy",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: strict
        ),
        .testTarget(name: "FlyConfigTests", dependencies: ["FlyConfig"], swiftSettings: strict),
        .testTarget(name: "HangarCoreTests", dependencies: ["HangarCore"], swiftSettings: strict),
        .testTarget(
            name: "HangarExportTests", dependencies: ["HangarExport"], exclude: ["Support", "Golden"], swiftSettings: strict),
        .testTarget(name: "HangarStoreTests", dependencies: ["HangarStore"], swiftSettings: strict),
        .testTarget(name: "HangarRuntimeTests", dependencies: ["HangarRuntime"], swiftSettings: strict),
        .testTarget(
            name: "HangarAPITests", dependencies: ["HangarAPI"],
            exclude: ["Support/validate_schema.py", "Support/openapi_routes.py"], swiftSettings: strict),
        .testTarget(name: "HangarProxyTests", dependencies: ["HangarProxy"], swiftSettings: strict),
        .testTarget(name: "EndToEndTests", dependencies: ["hangar"], swiftSettings: strict),
    ],
    swiftLanguageModes: [.v6]
)
