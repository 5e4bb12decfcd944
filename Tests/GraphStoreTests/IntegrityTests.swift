import ActorGraphModel
import Foundation
import Testing
@testable import GraphStore

@Suite("Opening, transactions and checks")
struct IntegrityTests {
    @Test func aFailingBatchLeavesTheStoreAsItWas() throws {
        try withStore { store in
            _ = try store.ingest(IngestTests.twoDocuments)
            let before = try dump(store)

            var broken = extraction("doc-9", ["هاجم التنظيم مواقع النظام."], relations: [R(Actors.isis, .attacked, Actors.regime)])
            broken.relations[0].sentenceRange = 0..<10_000
            let batch = [
                extraction("doc-3", ["هاجمت قوات سوريا الديمقراطية التنظيم."], mentions: [M(Actors.sdf, "قوات سوريا الديمقراطية")],
                           relations: [R(Actors.sdf, .attacked, Actors.isis)]),
                extraction("doc-1", ["نص جديد تماما عن تدمر."], mentions: [M(Actors.palmyra, "تدمر")]),
                broken,
            ]
            #expect(throws: InputError.self) { try store.ingest(batch) }
            #expect(try dump(store) == before)

            // The same through the internal hook, failing after two documents went in.
            store.beforeIngesting = { index in if index == 2 { throw InjectedFailure() } }
            #expect(throws: InjectedFailure.self) { try store.ingest(Array(batch.prefix(2)) + [IngestTests.twoDocuments[1]]) }
            #expect(try dump(store) == before)
            store.beforeIngesting = nil

            // And the store still takes a good batch afterwards.
            #expect(try store.ingest(Array(batch.prefix(2))).documentsAdded == 1)
        }
    }

    /// A new store takes `SQLiteStore.pageSize`; one made with SQLite's default 4 KiB pages keeps them
    /// and is written as before.
    @Test func newStoresHaveTheLargerPageAndOlderOnesKeepTheirs() throws {
        let pageSize = try withStore { store in try store.database.scalarInt("PRAGMA page_size") }
        #expect(pageSize == SQLiteStore.pageSize)
        try withTemporaryDirectory { folder in
            let path = folder.appendingPathComponent("old.sqlite").path
            do {
                let old = try Database(path: path, readOnly: false)
                try old.execute("PRAGMA page_size = 4096")
                try old.execute("PRAGMA journal_mode = WAL")
                try old.migrate()
            }
            let store = try SQLiteStore(path: path)
            #expect(try store.database.scalarInt("PRAGMA page_size") == 4096)
            #expect(try store.ingest(IngestTests.twoDocuments).documentsAdded == 2)
            #expect(try store.check() == [])
        }
    }

    /// The writer's multi-row INSERTs are `OR FAIL` (no statement journal): a row failing in the
    /// middle of one leaves the rows before it, and the batch's rollback must take them back, in a
    /// transaction of its own and as a savepoint inside a caller's.
    @Test func aRowFailingInsideAMultiRowInsertLeavesNothing() throws {
        try withStore { store in
            _ = try store.ingest(IngestTests.twoDocuments)
            let before = try dump(store)
            try store.database.execute("""
                CREATE TRIGGER refuse_surface BEFORE INSERT ON mentions WHEN NEW.surface = 'مرفوض'
                BEGIN SELECT RAISE(FAIL, 'refused by the test'); END;
                """)
            let batch = [
                extraction("doc-3", ["هاجمت قوات سوريا الديمقراطية التنظيم."], mentions: [M(Actors.sdf, "قوات سوريا الديمقراطية")],
                           relations: [R(Actors.sdf, .attacked, Actors.isis)]),
                // Rows before and after the refused one, all in one statement.
                extraction("doc-4", ["تدمر والرقة وحلب."], mentions: [M(Actors.palmyra, "تدمر"), M(Actors.isis, "داعش"),
                                                                     M(Actors.regime, "مرفوض"), M(Actors.sdf, "قسد")]),
            ]
            let error = try #require(throws: StoreError.self) { try store.ingest(batch) }
            #expect(error.description.contains("refused by the test"))
            #expect(try dump(store) == before)

            // Inside a caller's transaction that goes on after the failure and commits.
            try store.transaction {
                #expect(throws: StoreError.self) { try store.ingest(batch) }
                _ = try store.ingest([batch[0]])
            }
            try store.database.execute("DROP TRIGGER refuse_surface")
            #expect(try store.documents(mentioning: Actors.palmyra.id).contains("doc-4") == false)
            #expect(try store.documents(mentioning: Actors.sdf.id).contains("doc-3"))
            #expect(try store.check() == [])
        }
    }

    @Test func checkFindsNothingOnAHealthyStoreAndReportsCorruption() throws {
        try withStore { store in
            #expect(try store.check() == [])
            _ = try store.ingest(IngestTests.twoDocuments)
            #expect(try store.check() == [])

            try store.database.execute("""
                PRAGMA foreign_keys = OFF;
                DELETE FROM edges WHERE relation = 'controls';
                DELETE FROM mentions WHERE node_id = 'SDF';
                INSERT INTO mentions(doc_id, node_id, surface, count) VALUES ('doc-404', 'ISIS', 'داعش', 1);
                PRAGMA foreign_keys = ON;
                """)
            let problems = try store.check()
            #expect(problems.contains("1 evidence rows refer to a missing edge"))
            #expect(problems.contains("1 mentions refer to a missing document"))
            #expect(problems.contains { $0.hasPrefix("foreign key:") && $0.contains("of evidence") && $0.hasSuffix("edges") })
            #expect(problems.contains { $0.hasPrefix("foreign key:") && $0.contains("of mentions") && $0.hasSuffix("documents") })
        }
    }

    @Test func openingAMissingStoreReadOnlyFailsClearly() throws {
        try withTemporaryDirectory { folder in
            let path = folder.appendingPathComponent("missing/graph.sqlite").path
            let error = try #require(throws: StoreError.self) { try SQLiteStore(path: path, readOnly: true) }
            #expect(error.description.contains("does not exist"))
            #expect(error.description.contains("actorgraph build"))
            #expect(error.description.contains(path))
            #expect(!FileManager.default.fileExists(atPath: path))
        }
    }

    @Test func storeIsCreatedWithItsFolderAndReopened() throws {
        try withTemporaryDirectory { folder in
            let path = folder.appendingPathComponent("Graphs/nested/graph.sqlite").path
            do {
                let store = try SQLiteStore(path: path)
                #expect(try store.appliedMigrations() == Migration.all.map(\.name))
                _ = try store.ingest(IngestTests.twoDocuments)
            }
            #expect(FileManager.default.fileExists(atPath: path))
            let reopened = try SQLiteStore(path: path)
            #expect(try reopened.appliedMigrations() == Migration.all.map(\.name))
            #expect(try reopened.counts().documents == 2)
            #expect(try reopened.database.strings("PRAGMA journal_mode") == ["wal"])
            #expect(try reopened.database.scalarInt("PRAGMA foreign_keys") == 1)

            let readOnly = try SQLiteStore(path: path, readOnly: true)
            #expect(try readOnly.counts().edges == 2)
            #expect(throws: StoreError.self) { try readOnly.ingest(IngestTests.twoDocuments) }
        }
    }

    @Test func aFileThatIsNotAStoreIsRejectedReadOnly() throws {
        try withTemporaryDirectory { folder in
            let path = folder.appendingPathComponent("empty.sqlite").path
            #expect(FileManager.default.createFile(atPath: path, contents: Data()))
            let error = try #require(throws: StoreError.self) { try SQLiteStore(path: path, readOnly: true) }
            #expect(error.description.contains("migration"))
        }
    }
}
