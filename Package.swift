// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "invitation-gateway",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "invitation-gateway", targets: ["invitation-gateway"]),
        .library(name: "InvitationCore", targets: ["InvitationCore"]),
        .library(name: "InvitationGateway", targets: ["InvitationGateway"]),
        .library(name: "ReferenceUpstream", targets: ["ReferenceUpstream"]),
        .library(name: "InvitationGatewayTesting", targets: ["InvitationGatewayTesting"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
    ],
    targets: [
        .target(
            name: "InvitationCore",
            dependencies: [.product(name: "Yams", package: "Yams")]
        ),
        .target(
            name: "ReferenceUpstream",
            dependencies: [
                "InvitationCore",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .target(
            name: "InvitationGateway",
            dependencies: [
                "InvitationCore",
                "ReferenceUpstream",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .target(
            name: "InvitationGatewayTesting",
            dependencies: [
                "InvitationCore",
                "InvitationGateway",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        .executableTarget(
            name: "invitation-gateway",
            dependencies: [
                "InvitationCore",
                "InvitationGateway",
                "ReferenceUpstream",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "InvitationCoreTests",
            dependencies: [
                "InvitationCore",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "ReferenceUpstreamTests",
            dependencies: ["ReferenceUpstream", "InvitationCore"]
        ),
        .testTarget(
            name: "GatewayStateTests",
            dependencies: ["InvitationGateway", "InvitationCore"]
        ),
        .testTarget(
            name: "InvitationGatewayTests",
            dependencies: [
                "InvitationGateway",
                "InvitationGatewayTesting",
                "ReferenceUpstream",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
    ]
)
