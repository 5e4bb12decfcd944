import ActorGraphModel
import Foundation
import GraphML
@testable import GraphStore
import Testing
@testable import ActorGraphCLI

/// The parallel edge export against the sequential one, on a store with many sources and awkward text.
@Suite struct ParallelExportTests {
    /// A store of `sources` source nodes, each with a few edges of one to four evidence rows: documents
    /// ASCII and not (canonically equivalent ids among them), undated rows, tied confidences, text with
    /// `& < > " CR`, forbidden controls and invalid UTF-8.
    static func makeStore(at path: String, sources: Int) throws -> SQLiteStore {
        let store = try SQLiteStore(path: path)
        let documents = ["d-01", "d-02", "d-10", "d-2", "D-1", "caf\u{E9}", "cafe\u{301}", "وثيقة", "d&<1>", "d\"q", "d\tt", "d\r\nx"]
        var random = SplitMix(seed: 7)
        try store.database.transaction {
            for (i, document) in documents.enumerated() {
                try store.database.withStatement("INSERT INTO documents(id, hash, date, added_at) VALUES (?1, ?2, NULL, 'now')") {
                    try $0.bind(document, at: 1)
                    try $0.bind("h\(i)", at: 2)
                    try $0.run()
                }
            }
            for n in 0..<(sources + 5) {
                try store.database.withStatement("INSERT INTO nodes(id, kind, label, label_en) VALUES (?1, 'armed_group', ?2, ?3)") {
                    try $0.bind(String(format: "N%04d", n), at: 1)
                    try $0.bind("فصيل \(n) & <\(n)>", at: 2)
                    try $0.bind("Faction \(n)\r\u{1}", at: 3)
                    try $0.run()
                }
            }
            let relations = ["attacked", "allied-with", "controls"]
            let sentences = ["هاجم فصيل مسلح مواقع فصيل آخر.", "a & b < c > \"d\"\r\ne\u{1}f\u{FFFE}", "", "سطر\tثان\n"]
            let confidences = [0.8, 0.8, 0.9, 0.1 + 0.2, 0.5, 1.0, 0.0]
            var edgeID = 0
            for n in 0..<sources {
                var targets = Set<Int>()
                for _ in 0..<(1 + random.next(5)) {
                    let target = random.next(sources + 5)
                    guard targets.insert(target).inserted else { continue }
                    edgeID += 1
                    try store.database.withStatement("INSERT INTO edges(id, source, relation, target) VALUES (?1, ?2, ?3, ?4)") {
                        try $0.bind(edgeID, at: 1)
                        try $0.bind(String(format: "N%04d", n), at: 2)
                        try $0.bind(relations[random.next(relations.count)], at: 3)
                        try $0.bind(String(format: "N%04d", target), at: 4)
                        try $0.run()
                    }
                    var used = Set<String>()
                    for _ in 0..<(1 + random.next(4)) {
                        let document = documents[random.next(documents.count)]
                        let sentence = random.next(3)
                        guard used.insert("\(document)|\(sentence)").inserted else { continue }
                        let date: String? = random.next(4) == 0 ? nil : "2017-0\(1 + random.next(9))-1\(random.next(10))"
                        try store.database.withStatement("""
                            INSERT INTO evidence(edge_id, doc_id, sentence_index, sentence_start, sentence_end, sentence, trigger, frame,
                                                 confidence, hedged, date)
                            VALUES (?1, ?2, ?3, 0, 1, ?4, 'هاجم', 'verb', ?5, ?6, ?7)
                            """) {
                            try $0.bind(edgeID, at: 1)
                            try $0.bind(document, at: 2)
                            try $0.bind(sentence, at: 3)
                            try $0.bind(sentences[random.next(sentences.count)], at: 4)
                            try $0.bind(confidences[random.next(confidences.count)], at: 5)
                            try $0.bind(random.next(2) == 1, at: 6)
                            try $0.bind(date, at: 7)
                            try $0.run()
                        }
                    }
                }
            }
            // One sentence that is not UTF-8.
            try store.database.execute("UPDATE evidence SET sentence = CAST(x'61FF26C328' AS TEXT) WHERE id = 3")
        }
        return store
    }

    /// The export as the sequential path writes it: every node, then every edge through `write(edge:)`.
    static func sequential(_ store: SQLiteStore, to file: String) throws -> [UInt8] {
        let writer = try GraphMLWriter(path: file)
        try store.forEachNode { try writer.write(node: $0) }
        try store.forEachEdge { try writer.write(edge: $0) }
        try writer.finish()
        return Array(try Data(contentsOf: URL(fileURLWithPath: file)))
    }

    @Test func parallelChunksComeOutInOrderWithEveryEdge() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("parallel-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("store.sqlite").path
        let store = try Self.makeStore(at: path, sources: 400)
        let expected = try Self.sequential(store, to: folder.appendingPathComponent("sequential.graphml").path)
        let edges = try store.counts().edges
        #expect(edges > 800)
        #expect(String(decoding: expected, as: UTF8.self).components(separatedBy: "<edge ").count - 1 == edges)

        for (workers, perChunk) in [(1, 1_000_000), (3, 1), (2, 7), (4, 50)] {
            let ranges = try store.edgeRanges(evidencePerRange: perChunk)
            #expect(ranges.reduce(0) { $0 + $1.edges } == edges)
            #expect(ranges.reduce(0) { $0 + $1.evidence } == (try store.counts().evidence))
            // Each range's count is the evidence of the edges between its bounds.
            for range in ranges {
                let counted = try store.database.withStatement(text: """
                    SELECT count(*) FROM evidence v JOIN edges e ON e.id = v.edge_id
                    WHERE (e.source, e.relation, e.target) BETWEEN (?1, ?2, ?3) AND (?4, ?5, ?6)
                    """) { statement in
                    for (offset, key) in [(1, range.first), (4, range.last)] {
                        try statement.bind(key.source, at: Int32(offset))
                        try statement.bind(key.relation, at: Int32(offset + 1))
                        try statement.bind(key.target, at: Int32(offset + 2))
                    }
                    return try statement.step() ? statement.int(0) : -1
                }
                #expect(counted == range.evidence)
            }
            // Ranges split a source's edges too: with one row a range, every edge is a range.
            if perChunk == 1 { #expect(ranges.count == edges) }
            let file = folder.appendingPathComponent("parallel-\(workers)-\(perChunk).graphml").path
            let writer = try GraphMLWriter(path: file)
            try store.forEachNode { try writer.write(node: $0) }
            try ParallelEdgeExport(storePath: path, workers: workers, evidencePerChunk: perChunk).run(ranges: ranges, into: writer)
            try writer.finish()
            let got = Array(try Data(contentsOf: URL(fileURLWithPath: file)))
            #expect(got == expected, "workers \(workers), \(perChunk) evidence rows per chunk")
        }
    }

    @Test func edgeBytesFoldAsEdgeFoldDoesWithEveryFilter() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fold-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try Self.makeStore(at: folder.appendingPathComponent("store.sqlite").path, sources: 120)
        let filters: [(Double, String?, String?)] = [(0, nil, nil), (0.5, nil, nil), (0, "2017-03-01", nil), (0.3, "2017-02-01", "2017-06-30")]
        for (minConfidence, since, until) in filters {
            var expected = GraphMLChunk(path: "x"), got = GraphMLChunk(path: "x")
            var count = 0
            try store.forEachEdge(minConfidence: minConfidence, since: since, until: until) { try expected.append(edge: $0); count += 1 }
            try store.forEachEdgeBytes(minConfidence: minConfidence, since: since, until: until) { try got.append(edge: $0) }
            #expect(count > 0)
            #expect(got.bytes == expected.bytes, "min confidence \(minConfidence), since \(since ?? "-"), until \(until ?? "-")")
        }
    }

    /// Ranges handed to the workers as they are found, while the nodes are still being written:
    /// the same bytes with any number of workers and ranges, and errors that stop it whole.
    @Test func rangesFoundWhileNodesAreWrittenGiveTheSameBytes() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("stream-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("store.sqlite").path
        let store = try Self.makeStore(at: path, sources: 250)
        let expected = try Self.sequential(store, to: folder.appendingPathComponent("sequential.graphml").path)
        for (workers, perChunk) in [(1, 3), (2, 1), (3, 1_000_000), (5, 9)] {
            let file = folder.appendingPathComponent("stream-\(workers)-\(perChunk).graphml").path
            let writer = try GraphMLWriter(path: file)
            var nodes = 0
            try ParallelEdgeExport(storePath: path, workers: workers, evidencePerChunk: perChunk).run(into: writer) {
                // Slow nodes: the workers run ahead as far as their window lets them.
                try store.forEachNode { try writer.write(node: $0); nodes += 1; if nodes % 50 == 0 { usleep(2_000) } }
            }
            try writer.finish()
            #expect(Array(try Data(contentsOf: URL(fileURLWithPath: file))) == expected, "workers \(workers), \(perChunk) rows a range")
        }

        // An error while the nodes are written stops the export, and nothing is left at the destination.
        struct NodesFailed: Error {}
        let failed = folder.appendingPathComponent("failed.graphml").path
        #expect(throws: NodesFailed.self) {
            let writer = try GraphMLWriter(path: failed)
            try ParallelEdgeExport(storePath: path, workers: 2, evidencePerChunk: 1).run(into: writer) { throw NodesFailed() }
            try writer.finish()
        }
        #expect(!FileManager.default.fileExists(atPath: failed))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).allSatisfy { !$0.contains(".tmp-") })

        // A store the ranges cannot be read from: its error, not an empty graph.
        let missing = folder.appendingPathComponent("missing.sqlite").path
        let writer = try GraphMLWriter(path: folder.appendingPathComponent("none.graphml").path)
        #expect(throws: (any Error).self) {
            try ParallelEdgeExport(storePath: missing, workers: 2).run(into: writer) {}
        }
    }

    @Test func exportCommandWritesWhatTheSequentialExportWrites() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("store.sqlite").path
        let expected = try Self.sequential(Self.makeStore(at: path, sources: 300), to: folder.appendingPathComponent("seq.graphml").path)
        let file = folder.appendingPathComponent("cli.graphml").path
        let export = try Export.parse(["--store", path, "-o", file])
        try export.run()
        #expect(Array(try Data(contentsOf: URL(fileURLWithPath: file))) == expected)
    }
}

/// A small deterministic random source (SplitMix64).
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next(_ bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return Int(z % UInt64(bound))
    }
}
