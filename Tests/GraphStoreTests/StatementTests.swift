import ActorGraphModel
import Foundation
import Testing
@testable import GraphStore

/// Bound text lands exactly as given, whether it goes through the statement's arena (bound
/// without SQLite copying it) or, too large for it, the usual way; and rows written many at a
/// statement land as rows written one by one.
@Suite("Statements")
struct StatementTests {
    @Test func boundTextLandsExactlyWhateverItsSize() throws {
        try withTemporaryDirectory { folder in
            let database = try Database(path: folder.appendingPathComponent("t.sqlite").path, readOnly: false)
            try database.execute("CREATE TABLE t (i INTEGER PRIMARY KEY, a TEXT, b TEXT, c TEXT)")
            let sizes = [0, 1, 7, 100, 5_000, 70_000, (1 << 20) + 3, 3, 0, 40_000, 2]
            var expected: [[String]] = []
            try database.transaction {
                for round in 0..<40 {
                    let texts = (0..<3).map { k in
                        String(repeating: ["ع", "b", "ـ", "ج"][(round + k) % 4], count: sizes[(round * 3 + k) % sizes.count])
                    }
                    expected.append(texts)
                    try database.withStatement("INSERT INTO t(i, a, b, c) VALUES (?, ?, ?, ?)") { statement in
                        try statement.bind(round, at: 1)
                        try statement.bind(texts[0], at: 2)
                        // The same parameter bound twice: the second binding counts.
                        try statement.bind("overwritten", at: 3)
                        try statement.bind(texts[1], at: 3)
                        try Array(texts[2].utf8).withUnsafeBufferPointer { try statement.bindText($0, at: 4) }
                        try statement.run()
                    }
                }
            }
            var read: [[String]] = []
            try database.withStatement("SELECT a, b, c FROM t ORDER BY i") { statement in
                while try statement.step() { read.append([statement.string(0), statement.string(1), statement.string(2)]) }
            }
            #expect(read.count == expected.count)
            #expect(read == expected)
        }
    }

    /// A document's mention counts go in up to 32 rows a statement; a later part of the document
    /// adds to the counts its first part wrote. The rows are those counted one by one.
    @Test func mentionCountsInManyRowsAStatementAddUp() throws {
        let surfaces = (0..<75).map { "اسم\($0)" }
        let node = Node(id: NodeID("ISIS"), kind: .armedGroup, nameAr: "داعش", nameEn: "ISIS")
        func part(_ index: Int, _ text: String, _ mentions: [String]) -> Extraction {
            var e = Extraction(document: Document(id: "doc", text: text), nodes: [node],
                               mentions: mentions.map { Mention(node: node.id, kind: .armedGroup, sentence: 0, tokens: 0..<1,
                                                                span: 0..<1, surface: $0, via: .alias) },
                               relations: [])
            e.part = DocumentPart(index: index, byteOffset: index * 10, sentenceOffset: index)
            e.textHash = "h"
            return e
        }
        // First part: every surface once and the first ten twice (85 mentions, 75 rows: three statements).
        let first = surfaces + surfaces.prefix(10)
        // Second part: surfaces 40..<75 again, and one new.
        let second = Array(surfaces[40...]) + ["جديد"]
        var expected: [String: Int] = [:]
        for surface in first + second { expected[surface, default: 0] += 1 }
        // Also into an empty store written in bulk (its deferred indexes made at the end).
        for bulk in [false, true] {
            let store = try SQLiteStore(path: ":memory:")
            if bulk { #expect(try store.beginBulkWrite()) }
            try store.transaction {
                _ = try store.ingest([part(0, "first part", first)])
                _ = try store.ingest([part(1, "second", second)])
            }
            if bulk { try store.finishBulkWrite() }
            var stored: [String: Int] = [:]
            try store.database.withStatement("SELECT surface, count FROM mentions WHERE doc_id = 'doc'") { statement in
                while try statement.step() { stored[statement.string(0)] = statement.int(1) }
            }
            #expect(stored.count == 76)
            #expect(stored == expected)
            #expect(try store.check().isEmpty)
            #expect(try store.missingIndexes().isEmpty)
        }
    }
}
