// swift-tools-version:6.1
import PackageDescription

// Data flows one way; each stage is one target:
// ActorGraphModel (imports nothing) → ArabicText → Ontology → Linking → Relations
//   → GraphStore (the store protocols; SQLite via CSQLite) → PostgresStore (PostgreSQL via postgres-nio, only with
//   the `PostgreSQL` trait) → GraphML (libxml2 via CLibXML2), GraphPicture (DOT, and Graphviz's
//   libgvc via CGraphviz) → ActorGraphCLI → actorgraph
// Release builds of the extraction and store stages let the optimizer see across their module boundaries
// (`-cross-module-optimization`): a function defined one module down may be inlined and specialized where it
// is called. A 2,000-document build under callgrind: 3,625M -> 3,475M instructions (-4.2%; retain/release
// 507M -> 403M), the same store. Debug builds (the tests) are left as they are.
let crossModule: [SwiftSetting] = [.unsafeFlags(["-cross-module-optimization"], .when(configuration: .release))]

let package = Package(
    name: "actorgraph",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "actorgraph", targets: ["actorgraph"]),
        .library(name: "ActorGraphCLI", targets: ["ActorGraphCLI"]),
        // The text stages on their own, for the fuzz package in Fuzz/ and other embedders.
        .library(name: "ActorGraphPipeline", targets: ["ActorGraphModel", "ArabicText", "Ontology", "Linking", "Relations"]),
        // The store on its own, for the benchmarks in Benchmarks/.
        .library(name: "ActorGraphStore", targets: ["ActorGraphModel", "GraphStore"]),
    ],
    // `swift build --traits PostgreSQL` adds the PostgreSQL store (`--store postgres://…`); the default
    // build leaves postgres-nio and SwiftNIO uncompiled.
    traits: [
        .trait(name: "PostgreSQL", description: "A PostgreSQL graph store through postgres-nio, for several machines writing one graph."),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        .target(name: "ActorGraphModel", swiftSettings: crossModule),
        .target(name: "ArabicText", dependencies: ["ActorGraphModel"], swiftSettings: crossModule),
        .target(name: "Ontology", dependencies: ["ActorGraphModel", "ArabicText"], swiftSettings: crossModule),
        .target(name: "Linking", dependencies: ["ActorGraphModel", "ArabicText", "Ontology"], swiftSettings: crossModule),
        .target(name: "Relations", dependencies: ["ActorGraphModel", "ArabicText", "Ontology", "Linking"], swiftSettings: crossModule),
        // SQLite 3.54.1, built in (Sources/CSQLite/README.md): newer than Debian 12's 3.40 and built
        // for this use (no memory statistics, no deprecated or shared-cache paths), optimised in
        // every configuration so that the tests' stores are not written by an -O0 SQLite.
        .target(
            name: "CSQLite",
            exclude: ["README.md"],
            cSettings: [
                .define("SQLITE_DEFAULT_MEMSTATUS", to: "0"),
                .define("SQLITE_DQS", to: "0"),
                .define("SQLITE_OMIT_DEPRECATED"),
                .define("SQLITE_OMIT_SHARED_CACHE"),
                .define("SQLITE_OMIT_LOAD_EXTENSION"),
                .define("SQLITE_OMIT_PROGRESS_CALLBACK"),
                .define("SQLITE_LIKE_DOESNT_MATCH_BLOBS"),
                .define("SQLITE_MAX_EXPR_DEPTH", to: "0"),
                .define("SQLITE_USE_ALLOCA"),
                .define("SQLITE_THREADSAFE", to: "1"),
                .define("SQLITE_ENABLE_MATH_FUNCTIONS"),
                .unsafeFlags(["-O3", "-Wno-everything", "-gdwarf-4"]),
            ]
        ),
        .target(name: "GraphStore", dependencies: ["ActorGraphModel", "CSQLite"], swiftSettings: crossModule),
        // Empty unless the `PostgreSQL` trait is on (its sources are inside `#if PostgreSQL`).
        .target(
            name: "PostgresStore",
            dependencies: [
                "ActorGraphModel", "GraphStore",
                .product(name: "PostgresNIO", package: "postgres-nio", condition: .when(traits: ["PostgreSQL"])),
            ]
        ),
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .target(name: "GraphML", dependencies: ["ActorGraphModel", "CLibXML2"], swiftSettings: crossModule),
        .systemLibrary(
            name: "CGraphviz",
            pkgConfig: "libgvc",
            providers: [.apt(["libgraphviz-dev", "graphviz"])]
        ),
        .target(name: "GraphPicture", dependencies: ["ActorGraphModel", "CGraphviz"]),
        .target(
            name: "ActorGraphCLI",
            dependencies: [
                "ActorGraphModel", "ArabicText", "Ontology", "Linking", "Relations", "GraphStore", "PostgresStore", "GraphML", "GraphPicture",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "actorgraph", dependencies: ["ActorGraphCLI"]),
        .testTarget(name: "ArabicTextTests", dependencies: ["ArabicText"]),
        .testTarget(name: "OntologyTests", dependencies: ["Ontology"]),
        .testTarget(name: "LinkingTests", dependencies: ["Linking", "Ontology", "ArabicText"]),
        .testTarget(name: "RelationsTests", dependencies: ["Relations", "Linking", "Ontology", "ArabicText", "ActorGraphModel"], exclude: ["Fixtures"]),
        .testTarget(
            name: "PropertyTests",
            dependencies: ["ActorGraphModel", "ArabicText", "Ontology", "Linking", "Relations", "GraphStore",
                           .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(name: "GraphStoreTests", dependencies: ["GraphStore", "PostgresStore", "ActorGraphModel"]),
        .testTarget(name: "GraphMLTests", dependencies: ["GraphML", "CLibXML2", "ActorGraphModel"]),
        .testTarget(name: "GraphPictureTests", dependencies: ["GraphPicture", "ActorGraphModel"]),
        .testTarget(name: "EndToEndTests", dependencies: ["ActorGraphCLI", "GraphML", "GraphStore", "ActorGraphModel"]),
    ],
    swiftLanguageModes: [.v6]
)
