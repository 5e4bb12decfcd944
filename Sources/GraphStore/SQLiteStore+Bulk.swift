extension SQLiteStore {
    /// Indexes a build into an empty store writes without, and makes once at its end.
    ///
    /// `mentions_node` (mentions by node and surface) takes each document's twenty-odd mention rows
    /// at places all over the index: past what the page cache holds (at about 100k documents) every
    /// row read a page and wrote it to the log again, and the one writing thread set the pace of the
    /// whole build. Made at the end, SQLite sorts the rows once and writes the index in order.
    static let deferredIndexes: [(name: String, create: String)] = [
        ("mentions_node", "CREATE INDEX IF NOT EXISTS mentions_node ON mentions(node_id, surface)"),
    ]

    /// For a build into an empty store: drops the deferred indexes and returns true; for a store
    /// that holds documents (or inside a transaction) changes nothing and returns false. Call
    /// `finishBulkWrite` when the build ends, however it ends; a store a killed build left without
    /// the indexes gets them back when next opened for writing, and reads meanwhile stay right
    /// (only slower).
    public func beginBulkWrite() throws -> Bool {
        guard !isReadOnly, !database.inTransaction, try database.scalarInt("SELECT count(*) FROM documents") == 0 else { return false }
        for index in Self.deferredIndexes { try database.execute("DROP INDEX IF EXISTS \(index.name)") }
        return true
    }

    /// Makes the deferred indexes that are missing.
    public func finishBulkWrite() throws {
        guard !isReadOnly else { return }
        for index in Self.deferredIndexes { try database.execute(index.create) }
    }

    /// The deferred indexes the store lacks (a build was killed before making them): nothing is
    /// wrong with the data, reads are only slower until a writer opens the store.
    public func missingIndexes() throws -> [String] {
        try Self.deferredIndexes.map(\.name).filter { name in
            try database.scalarInt("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = '\(name)'") == 0
        }
    }
}
