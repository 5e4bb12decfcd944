extension SQLiteStore {
    /// Mentions by node, surface and document, with the count: it covers the node readers' queries
    /// (migration `0003-mentions-node-covering`).
    static let mentionsNodeIndex = "CREATE INDEX IF NOT EXISTS mentions_node ON mentions(node_id, surface, doc_id, count)"
    /// Evidence by edge, document and sentence, with the confidence and date a neighbours query reads
    /// (migration 0004).
    static let evidenceEdgeIndex =
        "CREATE UNIQUE INDEX IF NOT EXISTS evidence_edge ON evidence(edge_id, doc_id, sentence_index, confidence, date)"

    /// Indexes a build into an empty store writes without, and makes once at its end.
    ///
    /// `mentions_node` (mentions by node and surface) takes each document's twenty-odd mention rows
    /// at places all over the index: past what the page cache holds (at about 100k documents) every
    /// row read a page and wrote it to the log again, and the one writing thread set the pace of the
    /// whole build. Made at the end, SQLite sorts the rows once and writes the index in order.
    ///
    /// `evidence_edge` (evidence by edge, document and sentence) likewise takes each evidence row at
    /// the place of its edge: without it a build of 100k documents took 60.5 / 61.3 s instead of
    /// 68.5 / 67.1 s (two interleaved runs each).
    /// While it is missing, an edge left without evidence could not be looked for at once (that would
    /// read all the evidence): a replaced document ends the bulk write first (below). `finishBulkWrite`
    /// still deletes any edge without evidence in one pass, for a store an older actorgraph's killed
    /// build left with some.
    ///
    /// `evidence_doc` and `mentions_doc` (evidence and mentions by document) are not among them: a
    /// build into an empty store drops them and nothing makes them until a document is replaced
    /// (`evidenceByDocument`, `mentionsByDocument`).
    static let deferredIndexes: [(name: String, create: String)] = [
        ("mentions_node", mentionsNodeIndex),
        ("evidence_edge", evidenceEdgeIndex),
    ]

    /// Evidence by document, read only to replace a document (its old evidence found and deleted),
    /// and made then, when the store lacks it: a build into an empty store leaves it out.
    ///
    /// Documents whose ids come in no order (an archive's hashes or URLs) put their rows at random
    /// places in it: past what the page cache holds, each batch read and wrote a page per document
    /// (a build of 1M documents with random ids took 558 s with it, 521 s when it was made at the
    /// end). Made at the end it still cost 4-6 s of a 1M build and 2.7% of its store, for a lookup
    /// most stores never make. The first document replaced in a store without it waits while it
    /// is made (about 5 s at 1M documents); later ones find it.
    static let evidenceByDocument = "CREATE INDEX IF NOT EXISTS evidence_doc ON evidence(doc_id)"

    /// Mentions by document (migration 0005 keeps them in the order written, not by document), read
    /// only to replace a document and made then, like `evidenceByDocument`.
    static let mentionsByDocument = "CREATE INDEX IF NOT EXISTS mentions_doc ON mentions(doc_id)"

    /// For a build into an empty store: drops the deferred indexes and returns true; for a store
    /// that holds documents (or inside a transaction) changes nothing and returns false. Call
    /// `finishBulkWrite` when the build ends, however it ends; a store a killed build left without
    /// the indexes gets them back when next opened for writing, and reads meanwhile stay right
    /// (only slower).
    public func beginBulkWrite() throws -> Bool {
        // Whether the store is empty, not how full (counting the documents of a 1M store took 22 ms
        // of each build into it, warm).
        guard !isReadOnly, !database.inTransaction,
              try database.scalarInt("SELECT EXISTS (SELECT 1 FROM documents)") == 0 else { return false }
        for index in Self.deferredIndexes { try database.execute("DROP INDEX IF EXISTS \(index.name)") }
        try database.execute("DROP INDEX IF EXISTS evidence_doc")
        try database.execute("DROP INDEX IF EXISTS mentions_doc")
        // No edge yet: every edge this build meets and does not know is new, not to be looked up.
        if try database.scalarInt("SELECT EXISTS (SELECT 1 FROM edges)") == 0 { try knownNodes.knowEveryEdge(database) }
        bulkWriting = true
        return true
    }

    /// Makes the deferred indexes that are missing, then deletes the edges left without evidence
    /// meanwhile (by a document replaced during the build).
    public func finishBulkWrite() throws {
        guard !isReadOnly else { return }
        let switched = useRollbackJournal()
        defer { if switched { useWriteAheadLog() } }
        try database.transaction {
            try makeDeferredIndexes()
            try database.execute("DELETE FROM edges WHERE NOT EXISTS (SELECT 1 FROM evidence WHERE edge_id = edges.id)")
            if database.changes > 0 { knownNodes.forgetEdges() }
        }
        bulkWriting = false
    }

    /// For making the deferred indexes: switches the store from its write-ahead log to a rollback
    /// journal when no other connection has it open, and returns whether it did.
    ///
    /// In the log every page of the new indexes was written twice (to the log, then copied into the
    /// store by the checkpoint); a rollback journal keeps only the few old pages the transaction
    /// changes, and new pages go straight into the store. The three indexes of a 1M build, made by
    /// sqlite3 on a copy of its store: 47.1 / 46.5 s with the log, 36.4 s with the journal.
    ///
    /// Meanwhile other connections cannot read the store (once the page cache spills into the file
    /// the writer holds it exclusively: a query waits its busy timeout, then reports the store busy),
    /// and a read already running holds up the writer: the wait is long (10 minutes), so that an
    /// export running then delays the indexes rather than undoes them. `synchronous = FULL`, as a
    /// rollback journal needs it to survive a power failure.
    func useRollbackJournal() -> Bool {
        guard !database.inTransaction, (try? database.execute("PRAGMA busy_timeout = 0")) != nil else { return false }
        // Another connection has the store open: this fails at once, and the log stays.
        guard (try? database.strings("PRAGMA journal_mode = DELETE").first) == "delete" else {
            try? database.execute("PRAGMA busy_timeout = 10000")
            return false
        }
        // Switched: whatever follows, `useWriteAheadLog` switches back.
        try? database.execute("PRAGMA synchronous = FULL")
        try? database.execute("PRAGMA busy_timeout = 600000")
        return true
    }

    /// Back to the write-ahead log after `useRollbackJournal`. When a reader opened the store
    /// meanwhile the switch fails and the store stays in rollback mode (right, only without the log's
    /// concurrency) until a writer opens it next.
    func useWriteAheadLog() {
        try? database.execute("PRAGMA busy_timeout = 10000")
        try? database.execute("PRAGMA synchronous = NORMAL")
        _ = try? database.strings("PRAGMA journal_mode = WAL")
    }

    /// The page cache while the deferred indexes are made. SQLite sorts each index in pieces the size
    /// of the page cache, one piece per sorting thread (`sortThreads`) in memory at once; smaller
    /// pieces sorted faster here (likelier to stay in the processor's caches), in less memory. The
    /// three indexes of a 1M build, made by sqlite3 with two threads under a rollback journal,
    /// interleaved: with a 16 MiB cache 30.1, 32.9, 34.6, 33.7 s (peak RSS 71 MiB); with 64 MiB 36.4,
    /// 36.5, 36.4, 37.2, 35.7 s (270 MiB); with 128 MiB 45.2 s (534 MiB).
    static let indexingCacheKiB = 16_384

    /// Makes the deferred indexes that are missing, with `indexingCacheKiB` of page cache meanwhile.
    private func makeDeferredIndexes() throws {
        try database.execute("PRAGMA cache_size = -\(Self.indexingCacheKiB)")
        defer { try? database.execute("PRAGMA cache_size = -\(Self.writerCacheKiB)") }
        for index in Self.deferredIndexes { try database.execute(index.create) }
    }

    /// Inside a bulk write, before a document is replaced: makes the deferred indexes now (in the
    /// current transaction) and writes as usual from then on. The edges a replacement leaves without
    /// evidence are then deleted at once, and `finishBulkWrite` finds the indexes made.
    func endBulkWriteEarly() throws {
        guard bulkWriting else { return }
        try makeDeferredIndexes()
        bulkWriting = false
    }

    /// The deferred indexes the store lacks (a build was killed before making them): nothing is
    /// wrong with the data, reads are only slower until a writer opens the store.
    public func missingIndexes() throws -> [String] {
        try Self.deferredIndexes.map(\.name).filter { name in
            try database.scalarInt("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = '\(name)'") == 0
        }
    }
}
