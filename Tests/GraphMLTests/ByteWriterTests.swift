import ActorGraphModel
import Foundation
import Testing
@testable import GraphML

/// The byte writer against the `xmlTextWriter` one it replaced: same bytes, whatever the text.
@Suite struct ByteWriterTests {
    /// Writes with `GraphMLWriter` and returns the file's bytes.
    func written(nodes: [GraphNode], edges: [GraphEdge], chunked: Int? = nil, streamedNodes: Bool = false) throws -> [UInt8] {
        let folder = try TemporaryFolder()
        let file = folder.file("out.graphml")
        let writer = try GraphMLWriter(path: file)
        for node in nodes {
            if streamedNodes {
                // The rows handed one by one; the node's own list must not be read.
                var head = node
                head.mentionDetail = [MentionDetail(document: "never", surface: "written", count: 1)]
                try writer.write(node: head) { row in
                    for detail in node.mentionDetail {
                        let document = Array(detail.document.utf8), surface = Array(detail.surface.utf8)
                        try document.withUnsafeBufferPointer { d in try surface.withUnsafeBufferPointer { s in try row(d, detail.count, s) } }
                    }
                }
            } else {
                try writer.write(node: node)
            }
        }
        if let chunked {
            // Edges formatted in chunks of `chunked`, as the parallel export appends them.
            var start = 0
            while start < edges.count {
                var chunk = GraphMLChunk(path: file)
                for edge in edges[start..<min(start + chunked, edges.count)] { try chunk.append(edge: edge) }
                try writer.append(chunk)
                try writer.append(GraphMLChunk(path: file))  // an empty chunk adds nothing
                start += chunked
            }
        } else {
            for edge in edges { try writer.write(edge: edge) }
        }
        try writer.finish()
        return Array(try Data(contentsOf: URL(fileURLWithPath: file)))
    }

    /// Every ASCII character, with Arabic around it, in every kind of field.
    static let everyASCII: String = "ع" + String(decoding: (0..<128).map { UInt8($0) }, as: UTF8.self) + "ب\r\n\n\r\t"

    static var awkwardNodes: [GraphNode] {
        [GraphNode(id: NodeID("A.b:c-d_1"), label: everyASCII, labelEn: "x\u{FFFE}y\u{FFFF}z\u{FFFD}\u{10FFFF}",
                   kind: .person, aliases: ["", everyASCII, "\u{1}"], mentions: -12,
                   mentionDetail: [MentionDetail(document: everyASCII, surface: "a\r\nb\n\rc\td", count: 3),
                                   MentionDetail(document: "", surface: "", count: Int.min)]),
         GraphNode(id: NodeID("empty"), label: "", labelEn: "\u{0}\u{1}", kind: .other, aliases: [""], mentions: 0)]
    }

    static var awkwardEdges: [GraphEdge] {
        [GraphEdge(source: NodeID("A.b:c-d_1"), relation: .controls, target: NodeID("empty"), weight: 1234567890,
                   documents: [everyASCII, "", "d"], firstSeen: "", lastSeen: everyASCII, evidence: everyASCII,
                   confidence: 0.9995,
                   evidenceDetail: [EvidenceDetail(document: everyASCII, sentenceIndex: -3, date: "\r\n", confidence: 1e-7, hedged: true),
                                    EvidenceDetail(document: "x", sentenceIndex: 0, date: nil, confidence: .nan, hedged: false),
                                    EvidenceDetail(document: "x", sentenceIndex: 9, date: "2019", confidence: -0.0, hedged: false),
                                    EvidenceDetail(document: "y", sentenceIndex: 1, date: "", confidence: 0.1 + 0.2, hedged: false),
                                    EvidenceDetail(document: "z", sentenceIndex: 2, date: nil, confidence: .infinity, hedged: true)]),
         GraphEdge(source: NodeID("empty"), relation: .alliedWith, target: NodeID("A.b:c-d_1"), weight: 0,
                   documents: [], firstSeen: nil, lastSeen: nil, evidence: "", confidence: .nan)]
    }

    @Test func sampleGraphIsByteIdenticalToTheTextWriter() throws {
        let reference = ReferenceWriter.document(nodes: Sample.nodes, edges: Sample.edges)
        #expect(try written(nodes: Sample.nodes, edges: Sample.edges) == reference)
        #expect(try written(nodes: Sample.nodes, edges: Sample.edges, chunked: 2) == reference)
    }

    @Test func everyASCIICharacterAndForbiddenCharacterComesOutAsBefore() throws {
        let nodes = Self.awkwardNodes, edges = Self.awkwardEdges
        let reference = ReferenceWriter.document(nodes: nodes, edges: edges)
        #expect(try written(nodes: nodes, edges: edges) == reference)
        #expect(try written(nodes: nodes, edges: edges, chunked: 1) == reference)
        let text = String(decoding: reference, as: UTF8.self)
        #expect(text.contains("&amp;") && text.contains("&lt;") && text.contains("&gt;") && text.contains("&quot;") && text.contains("&#13;"))
    }

    /// A node's mention rows streamed one at a time (as the export of a SQLite store writes them)
    /// give the bytes of the node written whole: no rows, awkward text, rows past the flush size.
    @Test func nodesWithStreamedMentionRowsComeOutAsWholeNodes() throws {
        var many = Self.awkwardNodes[0]
        many.id = NodeID("many")
        many.mentionDetail = (0..<5000).map { MentionDetail(document: "doc-\($0)", surface: $0 % 3 == 0 ? "داعش" : "تنظيم الدولة", count: $0) }
        let nodes = Self.awkwardNodes + Sample.nodes + [many]
        for node in nodes {
            #expect(try written(nodes: [node], edges: [], streamedNodes: true) == ReferenceWriter.document(nodes: [node], edges: []))
        }
        let reference = ReferenceWriter.document(nodes: nodes, edges: Sample.edges)
        #expect(try written(nodes: nodes, edges: Sample.edges, chunked: 2, streamedNodes: true) == reference)
    }

    @Test func emptyNodesOnlyAndEdgesOnlyGraphsCloseAsBefore() throws {
        #expect(try written(nodes: [], edges: []) == ReferenceWriter.document(nodes: [], edges: []))
        #expect(try written(nodes: Sample.nodes, edges: []) == ReferenceWriter.document(nodes: Sample.nodes, edges: []))
        #expect(try written(nodes: [], edges: Sample.edges) == ReferenceWriter.document(nodes: [], edges: Sample.edges))
        #expect(try written(nodes: [], edges: Sample.edges, chunked: 3) == ReferenceWriter.document(nodes: [], edges: Sample.edges))
    }

    @Test func manyEdgesCrossTheFlushSizeUnchanged() throws {
        var edges: [GraphEdge] = []
        for i in 0..<3000 {
            var edge = Sample.edges[i % Sample.edges.count]
            edge.target = NodeID("t\(i)")
            edge.weight = i
            edge.confidence = Double(i) / 3000
            edges.append(edge)
        }
        let reference = ReferenceWriter.document(nodes: Sample.nodes, edges: edges)
        #expect(try written(nodes: Sample.nodes, edges: edges) == reference)
        #expect(try written(nodes: Sample.nodes, edges: edges, chunked: 777) == reference)
    }

    @Test func invalidUTF8IsRepairedAsStringDecodingRepairsIt() throws {
        let broken: [UInt8] = [0x61, 0xFF, 0xC3, 0x28, 0xE2, 0x82, 0xED, 0xA0, 0x80, 0xF4, 0x90, 0x80, 0x80, 0xC0, 0xAF, 0x26, 0x01, 0xEF, 0xBF, 0xBE]
        let asString = String(decoding: broken, as: UTF8.self)
        let edge = GraphEdge(source: NodeID("a"), relation: .attacked, target: NodeID("b"), weight: 1, documents: [asString],
                             firstSeen: asString, lastSeen: nil, evidence: asString, confidence: 0.5,
                             evidenceDetail: [EvidenceDetail(document: asString, sentenceIndex: 1, date: asString, confidence: 0.5, hedged: false)])
        var bytes = EdgeBytes()
        bytes.source = bytes.append("a")
        bytes.target = bytes.append("b")
        bytes.weight = 1
        let raw = broken.withUnsafeBytes { bytes.append($0) }
        bytes.documents = [raw]
        bytes.firstSeen = raw
        bytes.evidence = raw
        bytes.confidence = 0.5
        bytes.detail = [EdgeBytes.Evidence(document: raw, sentenceIndex: 1, date: raw, confidence: 0.5, hedged: false)]
        var fromBytes = GraphMLChunk(path: "x"), fromString = GraphMLChunk(path: "x")
        try fromBytes.append(edge: bytes)
        try fromString.append(edge: edge)
        #expect(fromBytes.out.bytes == fromString.out.bytes)
    }

    /// Edges whose every text is plain take `appendPlain`; it must give what `appendChecked` gives,
    /// whatever the numbers, the empty values and the lengths (one evidence sentence longer than the
    /// room it makes in one step).
    @Test func plainEdgesComeOutAsThePieceByPieceWriterWritesThem() throws {
        var generator = SystemRandomNumberGenerator()
        let texts = ["", "d", "doc-17", "2019-04-01", "قصفت الطائرات مواقع التنظيم في الريف الشرقي.",
                     String(repeating: "كتيبة ", count: 1_600), "a'b/c=d;e"]
        let numbers = [0, 1, -1, 9, 10, -10, 1234567890, Int.max, Int.min]
        let doubles: [Double] = [0, -0.0, 0.8, 0.1 + 0.2, 1, 1e-7, .nan, .infinity, -.infinity, .leastNonzeroMagnitude,
                                 .greatestFiniteMagnitude, -2.2250738585072014e-308]
        for round in 0..<300 {
            var edge = EdgeBytes()
            edge.source = edge.append("s\(round)")
            edge.relation = [.attacked, .alliedWith, .controls][round % 3]
            edge.target = edge.append(round % 7 == 0 ? "x" : "target.node_\(round)")
            edge.weight = numbers.randomElement(using: &generator)!
            for _ in 0..<Int.random(in: 0...3, using: &generator) {
                edge.documents.append(edge.append(texts.randomElement(using: &generator)!))
            }
            edge.firstSeen = Bool.random(using: &generator) ? edge.append(texts.randomElement(using: &generator)!) : nil
            edge.lastSeen = Bool.random(using: &generator) ? edge.append(texts.randomElement(using: &generator)!) : nil
            edge.evidence = edge.append(texts.randomElement(using: &generator)!)
            edge.confidence = doubles.randomElement(using: &generator)!
            for _ in 0..<Int.random(in: 0...4, using: &generator) {
                edge.detail.append(EdgeBytes.Evidence(
                    document: edge.append(texts.randomElement(using: &generator)!),
                    sentenceIndex: numbers.randomElement(using: &generator)!,
                    date: Bool.random(using: &generator) ? edge.append(texts.randomElement(using: &generator)!) : nil,
                    confidence: doubles.randomElement(using: &generator)!, hedged: Bool.random(using: &generator)))
            }
            var plain = GraphMLBytes(), checked = GraphMLBytes()
            plain.append(raw: "before")   // an edge goes after what the buffer holds
            checked.append(raw: "before")
            let tookPlain = plain.appendPlain(edge: edge)
            #expect(tookPlain)
            checked.appendChecked(edge: edge)
            let a = plain.bytes, b = checked.bytes
            if a != b {
                let firstDifference = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
                Issue.record("round \(round): \(a.count) against \(b.count) bytes, first difference at byte \(firstDifference)")
            }
        }
        // A text that is not plain sends the edge the checked way, with nothing appended by the plain one.
        var edge = EdgeBytes()
        edge.source = edge.append("a")
        edge.target = edge.append("b")
        edge.evidence = edge.append("x & y")
        var out = GraphMLBytes()
        let tookPlain = out.appendPlain(edge: edge)
        #expect(!tookPlain)
        #expect(out.bytes.isEmpty)
    }

    @Test func chunkRefusesABadIdAndAppendsNothing() throws {
        var chunk = GraphMLChunk(path: "out.graphml")
        var edge = Sample.edges[0]
        edge.target = NodeID("داعش")
        let error = try #require(throws: GraphMLWriteError.self) { try chunk.append(edge: edge) }
        #expect(error.description.contains("edge target id 'داعش'"))
        #expect(chunk.isEmpty)
    }

    @Test func numbersAsSwiftAndTheTextWriterPrintThem() {
        var out = GraphMLBytes()
        let doubles: [Double] = [0, -0.0, 0.8, 0.9, 0.1 + 0.2, 1, 1e-7, 1e16, 123456.789, .nan, .infinity, -.infinity,
                                 .leastNonzeroMagnitude, .greatestFiniteMagnitude, -2.2250738585072014e-308, 0.333333333333333314829616256247]
        for value in doubles + doubles {  // twice: printed, then from the cache
            out.removeAll()
            out.append(shortest: value)
            #expect(String(decoding: out.bytes, as: UTF8.self) == value.description)
            out.removeAll()
            out.append(confidence: value)
            #expect(String(decoding: out.bytes, as: UTF8.self) == ReferenceWriter.formatConfidence(value))
        }
        for value in [0, 9, 10, -1, -10, 99, 100, 1234567890, Int.max, Int.min] {
            out.removeAll()
            out.append(value)
            #expect(String(decoding: out.bytes, as: UTF8.self) == String(value))
        }
        for i in 0...1000 {
            let value = Double(i) / 1000 + 0.0004
            out.removeAll()
            out.append(confidence: value)
            #expect(String(decoding: out.bytes, as: UTF8.self) == ReferenceWriter.formatConfidence(value))
        }
        for relation in RelationType.allCases {
            let name = GraphMLBytes.name(of: relation)
            #expect(name.withUTF8Buffer { String(decoding: $0, as: UTF8.self) } == relation.rawValue)
        }
    }
}
