import CSQLite
import Foundation
import Testing
import ActorGraphModel
@testable import GraphStore

/// SQLite's memory statistics are off in every process that opens a store (each of its allocations
/// took a global mutex when on): the memory-used counter stays at zero through an ingest.
@Suite struct MemoryStatisticsTests {
    @Test func offOnceAStoreIsOpen() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("memstat-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try SQLiteStore(path: dir.appendingPathComponent("g.sqlite").path)
        _ = try store.ingest([Extraction(document: Document(id: "d", text: "نص"), nodes: [], mentions: [], relations: [])])
        var current: Int64 = -1, highest: Int64 = -1
        #expect(sqlite3_status64(SQLITE_STATUS_MEMORY_USED, &current, &highest, 0) == SQLITE_OK)
        #expect(current == 0 && highest == 0)
        // Too late to change now: SQLite is initialized.
        #expect(csqlite_disable_memstatus() == SQLITE_MISUSE)
    }
}
