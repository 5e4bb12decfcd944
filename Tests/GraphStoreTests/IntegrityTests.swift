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
