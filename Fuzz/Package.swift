// swift-tools-version:6.0
import PackageDescription

// The libFuzzer target, kept out of the main package so that a plain `swift build` never links it
// (libFuzzer supplies `main`). Built and run by scripts/fuzz.sh:
//   swift build --package-path Fuzz -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
let package = Package(
    name: "actorgraph-fuzz",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "actorgraph", path: "..")],
    targets: [
        .executableTarget(
            name: "ActorGraphFuzz",
            dependencies: [.product(name: "ActorGraphPipeline", package: "actorgraph")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
