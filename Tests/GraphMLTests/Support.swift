import ActorGraphModel
import Foundation
@testable import GraphML

/// A small graph that exercises escaping, forbidden characters, Arabic text and unknown dates.
enum Sample {
    static let nodes: [GraphNode] = [
        GraphNode(id: NodeID("ISIS"), label: "تنظيم الدولة الإسلامية", labelEn: "Islamic State",
                  kind: .armedGroup, aliases: ["داعش", "تنظيم الدولة", "ISIS"], mentions: 12,
                  mentionDetail: [MentionDetail(document: "doc-1", surface: "داعش", count: 10),
                                  MentionDetail(document: "doc_2", surface: "تنظيم الدولة", count: 2)]),
        GraphNode(id: NodeID("SDF"), label: "قوات سوريا الديمقراطية",
                  labelEn: "Syrian <Democratic> & \"Forces\" 'SDF' ]]>",
                  kind: .alliance, aliases: ["قسد", "a]]>b", "<&>"], mentions: 7),
        GraphNode(id: NodeID("place:raqqa"), label: "الرقة", labelEn: "Raqqa\u{0001}",
                  kind: .location, aliases: [], mentions: 0),
        GraphNode(id: NodeID("new:liwa-x"), label: "لواء\u{0001} <س> & \"ع\"", labelEn: "",
                  kind: .armedGroup, aliases: ["لواء س"], mentions: 1),
    ]

    static let edges: [GraphEdge] = [
        GraphEdge(source: NodeID("ISIS"), relation: .attacked, target: NodeID("SDF"), weight: 3,
                  documents: ["doc-1", "doc_2"], firstSeen: "2019-03-01", lastSeen: "2019-03-05",
                  evidence: "هاجم تنظيم \"الدولة\" <مواقع> قسد & ]]> في الرقة\u{0001}\r\nسطر\tثان  ",
                  confidence: 0.75,
                  evidenceDetail: [EvidenceDetail(document: "doc-1", sentenceIndex: 0, date: "2019-03-01", confidence: 0.75, hedged: false),
                                   EvidenceDetail(document: "doc-1", sentenceIndex: 4, date: nil, confidence: 0.1 + 0.2, hedged: true),
                                   EvidenceDetail(document: "doc_2", sentenceIndex: 1, date: "2019-03-05", confidence: 0.5, hedged: false)]),
        GraphEdge(source: NodeID("SDF"), relation: .controls, target: NodeID("place:raqqa"), weight: 1,
                  documents: ["doc-3"], firstSeen: nil, lastSeen: nil, evidence: "", confidence: 1),
        GraphEdge(source: NodeID("ISIS"), relation: .alliedWith, target: NodeID("new:liwa-x"), weight: 2,
                  documents: [], firstSeen: "2020-01-01", lastSeen: nil, evidence: "'quoted' & <tagged>",
                  confidence: 0.5),
    ]

    /// What reading the sample back must give: the same, minus the forbidden control characters.
    static var expectedNodes: [GraphNode] { nodes.map { n in
        var n = n
        n.label = n.label.replacingOccurrences(of: "\u{0001}", with: "")
        n.labelEn = n.labelEn.replacingOccurrences(of: "\u{0001}", with: "")
        return n
    } }

    static var expectedEdges: [GraphEdge] { edges.map { e in
        var e = e
        e.evidence = e.evidence.replacingOccurrences(of: "\u{0001}", with: "")
        return e
    } }

    /// Writes the sample graph to `path` and finishes the document.
    static func write(to path: String) throws {
        let writer = try GraphMLWriter(path: path)
        for node in nodes { try writer.write(node: node) }
        for edge in edges { try writer.write(edge: edge) }
        try writer.finish()
    }
}

/// A fresh temporary folder, removed when the value goes away.
final class TemporaryFolder {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "graphml-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func file(_ name: String) -> String { path + "/" + name }

    func contents() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: path).sorted() }
}

/// External tools the interoperability tests use, and where the shared schema lives.
enum Tools {
    /// The main package's root: this file is `Tests/GraphMLTests/Support.swift` (symlinks resolved).
    static let packageRoot: URL = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let schemaPath: String = packageRoot
        .appendingPathComponent("../shared/graphml-xsd/local/graphml.xsd").standardizedFileURL.path

    static let xmllint: String? = executable("xmllint")
    static let python3: String? = executable("python3")

    static let canValidate: Bool = xmllint != nil && FileManager.default.fileExists(atPath: schemaPath)

    static let hasNetworkX: Bool = {
        guard let python3 else { return false }
        return (try? run(python3, ["-c", "import networkx"]).status) == 0
    }()

    /// The first executable named `name` on PATH.
    static func executable(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Runs a program to completion, returning its status and its output (standard output and error together).
    static func run(_ program: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()  // Before waiting: the pipe must not fill up.
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
