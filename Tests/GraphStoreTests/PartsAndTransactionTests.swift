import ActorGraphModel
import Foundation
@testable import GraphStore
import Testing

@Suite("Large documents in parts, and nested transactions")
struct PartsAndTransactionTests {
    func relation(_ sentence: Int, _ range: Range<Int>) -> Relation {
        Relation(source: NodeID("ISIS"), type: .attacked, target: NodeID("SDF"), sentence: sentence, sentenceRange: range,
                 trigger: "هاجم", frame: "verb", confidence: 0.9, hedged: false)
    }

    @Test func partsOfOneDocumentAddUpToTheWhole() throws {
        let first = "هاجم التنظيم القوات. "
        let second = "هاجم التنظيم القوات مرة ثانية."
        let whole = first + second
        let hash = contentHash(whole)
        let nodes = [Node(id: NodeID("ISIS"), kind: .armedGroup, nameAr: "داعش", nameEn: "ISIS"),
                     Node(id: NodeID("SDF"), kind: .armedGroup, nameAr: "قسد", nameEn: "SDF")]
        let store = try SQLiteStore(path: ":memory:")
        var a = Extraction(document: Document(id: "big", text: first, date: "2016-01-01"), nodes: nodes, mentions: [],
                           relations: [relation(0, 0..<first.utf8.count)])
        a.part = DocumentPart(index: 0, byteOffset: 0, sentenceOffset: 0)
        a.textHash = hash
        var b = Extraction(document: Document(id: "big", text: second, date: "2016-01-01", notes: "repaired"), nodes: nodes,
                           mentions: [], relations: [relation(0, 0..<second.utf8.count)])
        b.part = DocumentPart(index: 1, byteOffset: first.utf8.count, sentenceOffset: 1)
        b.textHash = hash
        try store.transaction {
            _ = try store.ingest([a])
            _ = try store.ingest([b])
        }
        #expect(try store.counts() == StoreCounts(documents: 1, nodes: 2, edges: 1, evidence: 2))
        #expect(try store.storedHash(ofDocument: "big") == hash)
        let rows = try store.evidence(between: NodeID("ISIS"), and: NodeID("SDF"))
        #expect(rows.map(\.sentence) == [first, second])
        // The same document again, whole, is unchanged.
        let again = try store.ingest([Extraction(document: Document(id: "big", text: whole), nodes: nodes, mentions: [], relations: [])])
        #expect(again.documentsUnchanged == 1)
    }

    @Test func aLaterPartWithoutItsFirstIsRefused() throws {
        let store = try SQLiteStore(path: ":memory:")
        var b = Extraction(document: Document(id: "big", text: "نص"), nodes: [], mentions: [], relations: [])
        b.part = DocumentPart(index: 1, byteOffset: 10, sentenceOffset: 1)
        b.textHash = "0000000000000000"
        #expect(throws: InputError.self) { try store.ingest([b]) }
        #expect(try store.counts().documents == 0)
    }

    @Test func anOuterTransactionRollsBackEveryBatchInside() throws {
        let store = try SQLiteStore(path: ":memory:")
        struct Stop: Error {}
        #expect(throws: Stop.self) {
            try store.transaction {
                _ = try store.ingest([Extraction(document: Document(id: "a", text: "نص أول"), nodes: [], mentions: [], relations: [])])
                _ = try store.ingest([Extraction(document: Document(id: "b", text: "نص ثان"), nodes: [], mentions: [], relations: [])])
                throw Stop()
            }
        }
        #expect(try store.counts().documents == 0)
        // A failing inner batch rolls back only itself.
        try store.transaction {
            _ = try store.ingest([Extraction(document: Document(id: "a", text: "نص أول"), nodes: [], mentions: [], relations: [])])
            _ = try? store.ingest([Extraction(document: Document(id: "", text: "بلا رقم"), nodes: [], mentions: [], relations: [])])
        }
        #expect(try store.counts().documents == 1)
    }
}

@Suite("Creating a store")
struct StoreCreationTests {
    @Test func aNewStoreAppearsWholeWithNothingLeftBeside() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("create-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("g.sqlite").path
        do { _ = try SQLiteStore(path: path) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains("creating") }.isEmpty)
        // A read-only opener sees a complete, migrated store.
        let reader = try SQLiteStore(path: path, readOnly: true)
        #expect(try reader.appliedMigrations() == Migration.all.map(\.name))
        #expect(try reader.check().isEmpty)
    }
}
