// swift-tools-version: 6.3
import PackageDescription

// Micro-benchmarks of the translation core, kept out of the main package's test build.
// Run from this folder: swift package benchmark
let package = Package(
    name: "invitation-gateway-benchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "invitation-gateway", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark.git", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        // A plain loop over one translation stage, to run under `perf record` (see README.md).
        .executableTarget(
            name: "TranslationProfile",
            dependencies: [.product(name: "InvitationCore", package: "invitation-gateway")],
            path: "Sources/TranslationProfile"
        ),
        .executableTarget(
            name: "TranslationBenchmarks",
            dependencies: [
                .product(name: "InvitationCore", package: "invitation-gateway"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/TranslationBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
