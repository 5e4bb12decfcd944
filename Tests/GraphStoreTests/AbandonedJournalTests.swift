import ActorGraphModel
import Foundation
import Testing
@testable import GraphStore

/// A build killed while its indexes were made under a rollback journal leaves a hot journal: a
/// reader must still open the store, and see it as it was before the unfinished transaction.
@Suite("A journal a killed build left behind")
struct AbandonedJournalTests {
    @Test func aReaderOpensTheStoreAsItWasBeforeTheUnfinishedTransaction() throws {
        try withTemporaryDirectory { folder in
            let path = folder.appendingPathComponent("store.sqlite").path
            let expected = try storeWithTwoDocuments(at: path)
            // A writer in rollback-journal mode, in the middle of a transaction that has written
            // pages into the store (a one-page cache spills them): the files are copied as a kill
            // would leave them.
            let writer = try Database(path: path, readOnly: false)
            #expect(try writer.strings("PRAGMA journal_mode = DELETE").first == "delete")
            try writer.execute("PRAGMA synchronous = FULL")
            try writer.execute("PRAGMA cache_size = 1")
            try writer.execute("BEGIN IMMEDIATE")
            try writer.execute("DELETE FROM evidence")
            try writer.execute("DELETE FROM mentions")
            try writer.execute("UPDATE nodes SET label = 'changed'")
            let killed = folder.appendingPathComponent("killed.sqlite").path
            try FileManager.default.copyItem(atPath: path, toPath: killed)
            try FileManager.default.copyItem(atPath: path + "-journal", toPath: killed + "-journal")
            try writer.execute("ROLLBACK")
            // Without the fix SQLite refuses a read-only connection here: the journal must be undone first.
            let reader = try SQLiteStore(path: killed, readOnly: true)
            #expect(try dump(reader) == expected)
            #expect(try reader.check().isEmpty)
            #expect(!FileManager.default.fileExists(atPath: killed + "-journal"))
        }
    }
}
