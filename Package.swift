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
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .target(name: "FlyConfig", swiftSettings: strict),
        .executableTarget(
            name: "hangar",
            dependencies: [
                "FlyConfig",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        .testTarget(name: "FlyConfigTests", dependencies: ["FlyConfig"], swiftSettings: strict),
        .testTarget(name: "EndToEndTests", dependencies: ["hangar"], swiftSettings: strict),
    ],
    swiftLanguageModes: [.v6]
)
