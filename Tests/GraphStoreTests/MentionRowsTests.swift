import ActorGraphModel
import Foundation
@testable import GraphStore
import Testing

/// Mentions are kept in the order written (migration 0005), with no key of their own: every writer
/// still leaves one row per (document, node, surface), and `check` finds any that is not.
@Suite("Mention rows: one per document, node and surface")
struct MentionRowsTests {
    /// (document, node, surface, count) of every mention row, in that order.
    static func rows(_ store: SQLiteStore) throws -> [String] {
        try store.database.strings(
            "SELECT doc_id || '|' || node_id || '|' || surface || '|' || count FROM mentions ORDER BY doc_id, node_id, surface, count")
    }

    static func part(_ id: String, _ index: Int, of whole: [String], mentions: [M]) -> Extraction {
        var piece = extraction(id, [whole[index]], mentions: mentions)
        let before = whole[..<index].reduce(0) { $0 + $1.utf8.count + 1 }
        piece.part = DocumentPart(index: index, byteOffset: before, sentenceOffset: index)
        piece.textHash = contentHash(whole.joined(separator: " "))
        return piece
    }

    static let sentences = ["هاجم داعش مواقع قسد.", "ثم عاد داعش وهاجم قوات سوريا الديمقراطية.", "وانسحب التنظيم."]

    @Test func laterPartsAddToTheRowsOfEarlierOnes() throws {
        try withStore { store in
            let s = Self.sentences
            try store.transaction {
                _ = try store.ingest([Self.part("big", 0, of: s, mentions: [M(Actors.isis, "داعش"), M(Actors.sdf, "قسد")])])
                _ = try store.ingest([Self.part("big", 1, of: s, mentions: [M(Actors.isis, "داعش"), M(Actors.sdf, "قوات سوريا الديمقراطية")])])
                _ = try store.ingest([Self.part("big", 2, of: s, mentions: [M(Actors.isis, "داعش"), M(Actors.isis, "التنظيم")])])
            }
            #expect(try Self.rows(store) == [
                "big|ISIS|التنظيم|1", "big|ISIS|داعش|3", "big|SDF|قسد|1", "big|SDF|قوات سوريا الديمقراطية|1",
            ])
            #expect(try store.check().isEmpty)
        }
    }

    /// Parts of two documents taken in turn: a part whose document's rows are not the ones kept finds
    /// them in the store.
    @Test func partsOfTwoDocumentsInTurn() throws {
        try withStore { store in
            let s = Self.sentences
            let isis = [M(Actors.isis, "داعش")]
            try store.transaction {
                _ = try store.ingest([Self.part("a", 0, of: s, mentions: isis)])
                _ = try store.ingest([Self.part("b", 0, of: s, mentions: isis)])
                _ = try store.ingest([Self.part("a", 1, of: s, mentions: isis + [M(Actors.sdf, "قسد")])])
                _ = try store.ingest([Self.part("b", 1, of: s, mentions: isis)])
                _ = try store.ingest([Self.part("a", 2, of: s, mentions: isis)])
            }
            #expect(try Self.rows(store) == ["a|ISIS|داعش|3", "a|SDF|قسد|1", "b|ISIS|داعش|2"])
            #expect(try store.check().isEmpty)
        }
    }

    /// A failed transaction takes back what its parts wrote, and the rowids kept for them.
    @Test func aFailedTransactionForgetsItsParts() throws {
        try withStore { store in
            let s = Self.sentences
            var failed = false
            do {
                try store.transaction { () throws -> Void in
                    _ = try store.ingest([Self.part("a", 0, of: s, mentions: [M(Actors.isis, "داعش")])])
                    #expect(store.partMentions?.rows.count == 1)
                    throw InjectedFailure()
                }
            } catch is InjectedFailure { failed = true }
            #expect(failed)
            #expect(store.partMentions == nil)
            _ = try store.ingest([extraction("c", ["هاجم داعش القرية."], mentions: [M(Actors.isis, "داعش")])])
            try store.transaction {
                _ = try store.ingest([Self.part("a", 0, of: s, mentions: [M(Actors.sdf, "قسد")])])
                _ = try store.ingest([Self.part("a", 1, of: s, mentions: [M(Actors.sdf, "قسد")])])
            }
            #expect(try Self.rows(store) == ["a|SDF|قسد|2", "c|ISIS|داعش|1"])
        }
    }

    /// A build into an empty store writes no index of mentions by document; replacing a document
    /// makes it, and the document's old rows go.
    @Test func replacingADocumentAfterABulkWrite() throws {
        try withStore { store in
            #expect(try store.beginBulkWrite())
            _ = try store.ingest([
                extraction("a", ["هاجم داعش مواقع قسد."], mentions: [M(Actors.isis, "داعش"), M(Actors.sdf, "قسد")]),
                extraction("b", ["هاجم داعش القرية."], mentions: [M(Actors.isis, "داعش")]),
            ])
            try store.finishBulkWrite()
            let index = "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name = 'mentions_doc'"
            #expect(try store.database.scalarInt(index) == 0)
            let summary = try store.ingest([extraction("a", ["انسحب التنظيم من القرية."], mentions: [M(Actors.isis, "التنظيم")])])
            #expect(summary.documentsReplaced == 1)
            #expect(try store.database.scalarInt(index) == 1)
            #expect(try Self.rows(store) == ["a|ISIS|التنظيم|1", "b|ISIS|داعش|1"])
            #expect(try store.check().isEmpty)
        }
    }

    /// A store whose mentions are keyed by (document, node, surface), as before migration 0005: read
    /// as it is, and rewritten by the first writer with every row kept.
    @Test func aStoreWithKeyedMentionsIsReadAndUpgraded() throws {
        try withTemporaryDirectory { folder in
            let path = folder.appendingPathComponent("old.sqlite").path
            var rows: [String] = []
            let expected = try storeWithTwoDocuments(at: path) { store in
                rows = try Self.rows(store)
                try store.database.execute("""
                    CREATE TABLE keyed (
                        doc_id TEXT NOT NULL REFERENCES documents(id),
                        node_id TEXT NOT NULL REFERENCES nodes(id),
                        surface TEXT NOT NULL,
                        count INTEGER NOT NULL,
                        PRIMARY KEY (doc_id, node_id, surface)
                    ) WITHOUT ROWID;
                    INSERT INTO keyed SELECT doc_id, node_id, surface, count FROM mentions;
                    DROP TABLE mentions;
                    ALTER TABLE keyed RENAME TO mentions;
                    CREATE INDEX mentions_node ON mentions(node_id, surface, doc_id, count);
                    DELETE FROM migrations WHERE name = '0005-mentions-in-arrival-order';
                    """)
            }
            #expect(!rows.isEmpty)
            let table = "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'mentions'"
            let reader = try SQLiteStore(path: path, readOnly: true)
            #expect(try reader.database.strings(table).first?.contains("WITHOUT ROWID") == true)
            #expect(try dump(reader) == expected)
            var told: [String] = []
            let writer = try SQLiteStore(path: path, upgrading: { told.append($0) })
            #expect(told.count == 1 && told[0].contains("0005-mentions-in-arrival-order"), "\(told)")
            #expect(try writer.appliedMigrations() == Migration.all.map(\.name))
            #expect(try writer.database.strings(table).first?.contains("WITHOUT ROWID") == false)
            #expect(try Self.rows(writer) == rows)
            #expect(try dump(writer) == expected)
            #expect(try writer.check().isEmpty)
        }
    }

    /// A graph file that lists a mention row twice gives the store one row.
    @Test func anImportAddsARowOnce() throws {
        try withStore { store in
            let detail = MentionDetail(document: "d-9", surface: "داعش", count: 2)
            let isis = GraphNode(id: Actors.isis.id, label: Actors.isis.nameAr, labelEn: Actors.isis.nameEn,
                                 kind: Actors.isis.kind, aliases: ["داعش"], mentions: 2, mentionDetail: [detail, detail])
            let summary = try store.importGraph { node, _ in try node(isis) }
            #expect(summary.mentionsAdded == 1)
            #expect(try Self.rows(store) == ["d-9|ISIS|داعش|2"])
            #expect(try store.check().isEmpty)
        }
    }

    @Test func checkFindsADuplicatedRow() throws {
        try withStore { store in
            _ = try store.ingest([extraction("a", ["هاجم داعش القرية."], mentions: [M(Actors.isis, "داعش")])])
            #expect(try store.check().isEmpty)
            try store.database.execute("INSERT INTO mentions(doc_id, node_id, surface, count) VALUES ('a', 'ISIS', 'داعش', 1)")
            #expect(try store.check() == ["1 mention rows are duplicated (same document, node and surface)"])
        }
    }
}
