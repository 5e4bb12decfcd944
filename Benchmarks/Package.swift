// swift-tools-version:6.0
import PackageDescription

// Benchmarks, kept out of `swift test` and out of the main package's build. Run by scripts/bench.sh.
let package = Package(
    name: "actorgraph-benchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "actorgraph", path: "..")],
    targets: [
        .executableTarget(
            name: "actorgraph-bench",
            dependencies: [
                .product(name: "ActorGraphStore", package: "actorgraph"),
                .product(name: "ActorGraphPipeline", package: "actorgraph"),
            ],
            swiftSettings: [.unsafeFlags(["-Ounchecked"])]
        ),
    ],
    swiftLanguageModes: [.v6]
)
