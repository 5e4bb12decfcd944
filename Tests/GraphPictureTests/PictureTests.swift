import ActorGraphModel
import Foundation
import Testing
@testable import GraphPicture

private let nodes = [
    GraphNode(id: NodeID("ISIS"), label: "تنظيم الدولة الإسلامية", labelEn: "Islamic \"State\"", kind: .armedGroup, aliases: [], mentions: 4),
    GraphNode(id: NodeID("SDF"), label: "قوات سوريا الديمقراطية", labelEn: "SDF", kind: .alliance, aliases: [], mentions: 2),
    GraphNode(id: NodeID("UNITED_STATES"), label: "الولايات المتحدة", labelEn: "United States", kind: .state, aliases: [], mentions: 1),
    GraphNode(id: NodeID("sy_raqqa"), label: "الرقة", labelEn: "Raqqa", kind: .location, aliases: [], mentions: 1),
]
private let edges = [
    GraphEdge(source: NodeID("ISIS"), relation: .attacked, target: NodeID("SDF"), weight: 8, documents: ["a"],
              firstSeen: nil, lastSeen: nil, evidence: "", confidence: 0.9),
    GraphEdge(source: NodeID("SDF"), relation: .alliedWith, target: NodeID("UNITED_STATES"), weight: 1, documents: ["a"],
              firstSeen: nil, lastSeen: nil, evidence: "", confidence: 0.9),
    GraphEdge(source: NodeID("SDF"), relation: .controls, target: NodeID("sy_raqqa"), weight: 2, documents: ["a"],
              firstSeen: nil, lastSeen: nil, evidence: "", confidence: 0.9),
]

@Suite struct PictureTests {
    @Test func aPictureKeepsItsStrongestEdgesAndTheNodesTheyJoin() {
        // Under the limit, or no limit: everything, as it was.
        #expect(StrongestEdges.cut(nodes: nodes, edges: edges, limit: 3).edges == edges)
        #expect(StrongestEdges.cut(nodes: nodes, edges: edges, limit: 0).nodes == nodes)
        // The two strongest (8 and 2 sentences), in their order, and only the nodes they join.
        let two = StrongestEdges.cut(nodes: nodes, edges: edges, limit: 2)
        #expect(two.edges.map(\.weight) == [8, 2])
        #expect(two.nodes.map(\.id.rawValue) == ["ISIS", "SDF", "sy_raqqa"])
        // The ego stays even when none of its edges is among the strongest.
        let one = StrongestEdges.cut(nodes: nodes, edges: edges, limit: 1, keep: NodeID("UNITED_STATES"))
        #expect(one.edges.map(\.weight) == [8])
        #expect(one.nodes.map(\.id.rawValue) == ["ISIS", "SDF", "UNITED_STATES"])
        // Equal weights: the more confident first, then the earlier.
        var tied = edges
        tied[1].weight = 8; tied[1].confidence = 0.95
        #expect(StrongestEdges.cut(nodes: nodes, edges: tied, limit: 1).edges == [tied[1]])
        tied[1].confidence = 0.9
        #expect(StrongestEdges.cut(nodes: nodes, edges: tied, limit: 1).edges == [tied[0]])
    }

    @Test func dotStylesRelationsAndEscapesLabels() {
        let dot = DOTWriter(focus: NodeID("SDF")).dot(nodes: nodes, edges: edges)
        #expect(dot.hasPrefix("digraph actorgraph {"))
        #expect(dot.contains("\"ISIS\" [label=\"تنظيم الدولة الإسلامية\\nIslamic \\\"State\\\"\""))
        let line = { (from: String, to: String) in dot.split(separator: "\n").first { $0.contains("\"\(from)\" -> \"\(to)\"") }.map(String.init) ?? "" }
        #expect(line("ISIS", "SDF").contains("color=\"#c0392b\""))
        #expect(line("ISIS", "SDF").contains("penwidth=5.00"))  // 1 + 1.6 · log2 8, capped at 5
        #expect(line("SDF", "sy_raqqa").contains("penwidth=2.60"))  // 1 + 1.6 · log2 2
        #expect(line("ISIS", "SDF").contains("<td>8</td>") && !line("SDF", "UNITED_STATES").contains("label="))
        #expect(line("SDF", "UNITED_STATES").contains("dir=none") && line("SDF", "UNITED_STATES").contains("#1e8449"))
        #expect(line("SDF", "UNITED_STATES").contains("penwidth=1.00"))
        #expect(line("SDF", "sy_raqqa").contains("style=dashed"))
        #expect(dot.contains("\"SDF\" [label=\"قوات سوريا الديمقراطية\\nSDF\", shape=hexagon") && dot.contains("penwidth=3"))
    }

    @Test(arguments: ["svg", "png"])
    func libgvcDrawsTheGraph(format: String) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("picture-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("g.\(format)").path
        try GraphvizRenderer.render(dot: DOTWriter().dot(nodes: nodes, edges: edges), layout: "neato", format: format, to: file)
        let data = try Data(contentsOf: URL(fileURLWithPath: file))
        if format == "svg" {
            let svg = String(decoding: data, as: UTF8.self)
            #expect(svg.contains("<svg"))
            #expect(svg.contains("تنظيم الدولة الإسلامية"))  // the Arabic text, for the viewer to shape
            #expect(svg.contains("stroke=\"#c0392b\""))
        } else {
            #expect(data.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["g.\(format)"])
    }

    @Test func badDotAndUnknownFormatFailWithGraphvizReason() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(UUID().uuidString).svg").path
        let bad = try #require(throws: RenderError.self) {
            try GraphvizRenderer.render(dot: "digraph { a -> ", layout: "neato", format: "svg", to: file)
        }
        #expect(bad.description.contains("could not read the DOT"))
        let format = try #require(throws: RenderError.self) {
            try GraphvizRenderer.render(dot: "digraph { a }", layout: "neato", format: "nonsense", to: file)
        }
        #expect(format.description.contains("nonsense"))
        #expect(!FileManager.default.fileExists(atPath: file))
    }
}
