import ActorGraphModel
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The graph of actors and relations, kept in one SQLite file.
///
/// Documents, nodes, mentions (aliases and counts), edges (one per source, relation, target)
/// and evidence (one row per edge and sentence) live in normalized tables; the aggregated
/// `GraphEdge` values are computed while streaming, so even a very large graph is never held in memory.
///
/// A store is used from one thread. It is deliberately not `Sendable`.
public final class SQLiteStore {
    /// The store file.
    public let path: String
    public let isReadOnly: Bool
    let database: Database

    /// Nodes as this connection last wrote them (exact rows) and ids it knows the store holds, so an
    /// ingest need not upsert the same actor for every document naming it. Only what committed
    /// outside an enclosing transaction is kept; another connection's commit (`PRAGMA data_version`)
    /// or an import empties it.
    let knownNodes = KnownNodes()

    /// Set by `beginBulkWrite` until `finishBulkWrite`: the deferred indexes are missing.
    var bulkWriting = false

    /// The mention rows the parts of a large document wrote so far (`Extraction.part`), by rowid, so
    /// that a later part adds to their counts. Forgotten when a batch or transaction fails.
    var partMentions: PartMentions?

    /// Called inside `ingest(_:)` before each extraction, with its index in the batch; a test hook
    /// for failing a batch midway.
    var beforeIngesting: ((Int) throws -> Void)?

    /// Opens the store at `path`, creating the file and its folder when missing (unless `readOnly`),
    /// and brings its schema up to date.
    ///
    /// - Throws: `StoreError` when a read-only store does not exist, cannot be opened, or needs migrating.
    ///
    /// `upgrading` is told, before it starts, when a store made by an older actorgraph is about to be
    /// brought up to date (a new index on a large store takes minutes, once).
    public convenience init(path: String, readOnly: Bool = false, upgrading: ((String) -> Void)? = nil) throws {
        try self.init(path: path, readOnly: readOnly, serialized: false, upgrading: upgrading)
    }

    /// A read-only store for one worker thread of a parallel export, which reads a part of a large store.
    ///
    /// Memory-mapped as any read-only store, but its connection takes no mutex per call: only the
    /// thread that opened it may use it.
    public static func partReader(path: String) throws -> SQLiteStore {
        try SQLiteStore(path: path, readOnly: true, serialized: false)
    }

    /// A build killed while it made its indexes under a rollback journal (`useRollbackJournal`) leaves
    /// the journal behind, "hot": SQLite undoes it at the next read, which takes write access, so a
    /// read-only connection failed ("attempt to write a readonly database") until a writer opened the
    /// store. A short read-write connection reads the store first, and SQLite undoes the journal
    /// (it leaves alone the journal of a build still running, which holds its lock). Without write
    /// access nothing changes, and the read-only open reports the error as before.
    private static func rollBackAbandonedJournal(_ path: String) {
        guard FileManager.default.fileExists(atPath: path + "-journal"),
              let database = try? Database(path: path, readOnly: false) else { return }
        _ = try? database.execute("PRAGMA busy_timeout = 10000")
        _ = try? database.scalarInt("SELECT count(*) FROM sqlite_schema")
    }

    private init(path: String, readOnly: Bool, serialized: Bool, upgrading: ((String) -> Void)? = nil) throws {
        self.path = path
        self.isReadOnly = readOnly
        let inMemory = path == ":memory:" || path.isEmpty
        if readOnly {
            guard inMemory || FileManager.default.fileExists(atPath: path) else {
                throw StoreError("the store does not exist; run `actorgraph build` first to create it", path: path)
            }
            if !inMemory { Self.rollBackAbandonedJournal(path) }
        } else if !inMemory {
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
            do {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            } catch {
                throw StoreError("cannot create the folder \(folder.path): \(error.localizedDescription)", path: path)
            }
            if !FileManager.default.fileExists(atPath: path) { try Self.createAtomically(path) }
        }
        database = try Database(path: path, readOnly: readOnly, serialized: serialized)
        try database.execute("PRAGMA busy_timeout = 10000")
        if !readOnly { try database.execute("PRAGMA journal_mode = WAL") }
        try database.execute("PRAGMA synchronous = NORMAL")
        try database.execute("PRAGMA foreign_keys = ON")
        // A reader (export, queries) reads through a memory map: no pread copy per page (an export of
        // a 1M-edge store spent a sixth of its time there). Writers keep to pread, so that a build's
        // resident memory stays small whatever the store's size.
        if readOnly { try database.execute("PRAGMA mmap_size = \(Self.memoryMapSize)") }
        // A writer of a large store inserts into indexes all over the file (mentions by node, evidence
        // by edge): with SQLite's default 2 MiB page cache each insert read its pages again, and the
        // build's one writing thread held the extraction threads up. The cache grows only as pages
        // are used, so a small store costs nothing; a checkpoint every 64 MiB of log, not every 4.
        if !readOnly {
            try database.execute("PRAGMA cache_size = -\(Self.writerCacheKiB)")
            // In pages of the store's own size (16 KiB for a new store, 4 KiB for an older one).
            try database.execute("PRAGMA wal_autocheckpoint = \(Self.checkpointBytes / database.scalarInt("PRAGMA page_size"))")
            // An index made over a large table (the end of a bulk write) sorts more than memory holds:
            // with helper threads SQLite sorts the pieces in parallel. The two indexes at the end of a
            // build of 1M documents, made by sqlite3 on 2 cores: 52.9-57.2 s without, 40.2-41.5 s with
            // one, 36.8-39.2 s with two (peak RSS 274, 405 and 535 MiB).
            try database.execute("PRAGMA threads = \(Self.sortThreads)")
        }
        if readOnly {
            try database.requireMigrated()
        } else {
            try database.migrate(upgrading: upgrading)
            // A build killed before making its deferred indexes (`beginBulkWrite`) left them out.
            if try !missingIndexes().isEmpty { try finishBulkWrite() }
        }
    }

    /// Reads the store through `pread` into SQLite's page cache from now on, not through a memory map.
    ///
    /// For a connection that reads little while others read much of the same file: every map of the
    /// file counts in the process's resident memory on its own (the kernel maps the neighbours of each
    /// page read, too), so a second map of a large store would count much of it twice.
    public func readWithoutMemoryMap() throws {
        guard isReadOnly else { return }
        try database.execute("PRAGMA mmap_size = 0")
    }

    /// Helper threads for SQLite's large sorts: one per core, at most four.
    static let sortThreads = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 4))

    /// The page size of a new store, in bytes (SQLite's default is 4 KiB; a store made earlier keeps its own).
    ///
    /// A build writes whole pages: to the log, then again into the store at each checkpoint, and the
    /// tail pages of its tables once per batch. Larger pages mean fewer writes, fewer B-tree cells
    /// and fewer log-frame checksums for the same rows. Builds of the 100k scale corpus, interleaved,
    /// user + system CPU-seconds:
    /// - 4 KiB 28.1 / 33.4 / 32.7, 16 KiB 27.6 / 29.0 / 31.5, 32 KiB 29.0 / 32.3 / 34.7 (one run each
    ///   of 8 and 64 KiB: 28.3 and 29.3).
    /// - With the writer's multi-row inserts `OR FAIL` (`MultiRowSQL`): 4 KiB 24.9 / 25.2 / 25.0,
    ///   16 KiB 25.1 / 24.0 / 23.4.
    /// A build of 20k documents made 38,712 `pwrite` and 15,971 `pread` calls with 16 KiB pages,
    /// 136,635 and 65,930 with 4 KiB (`strace -c -f`). The store is smaller too: 631 MB against 648 MB.
    static let pageSize = 16_384

    /// How much log a writer lets grow before SQLite copies it into the store (64 MiB).
    static let checkpointBytes = 64 << 20

    /// The page cache of a writing connection, in KiB (128 MiB).
    static let writerCacheKiB = 131_072

    /// How much of a read-only store is memory-mapped (all of any store up to 4 GiB).
    static let memoryMapSize = 4_294_967_296

    /// Creates a new store with its whole schema under a temporary name and links it into place, so
    /// that a process killed while creating it never leaves a half-made store behind. When another
    /// process created the store meanwhile, its store is kept and ours is dropped.
    static func createAtomically(_ path: String) throws {
        let temporary = "\(path).creating-\(getpid())"
        defer {
            for suffix in ["", "-wal", "-shm", "-journal"] { unlink(temporary + suffix) }
        }
        do {
            let database = try Database(path: temporary, readOnly: false)
            // Before the first table: a store's page size is fixed once it has one.
            try database.execute("PRAGMA page_size = \(Self.pageSize)")
            try database.execute("PRAGMA journal_mode = WAL")
            try database.migrate()
            try database.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        }   // closed here: the schema is in the main file
        if link(temporary, path) != 0 && errno != EEXIST {
            throw StoreError("cannot create the store: \(String(cString: strerror(errno)))", path: path)
        }
    }

    /// How many documents, nodes, edges and evidence rows the store holds.
    public func counts() throws -> StoreCounts {
        StoreCounts(
            documents: try database.scalarInt("SELECT count(*) FROM documents"),
            nodes: try database.scalarInt("SELECT count(*) FROM nodes"),
            edges: try database.scalarInt("SELECT count(*) FROM edges"),
            evidence: try database.scalarInt("SELECT count(*) FROM evidence"))
    }

    /// Names of the migrations applied to this store, in order.
    public func appliedMigrations() throws -> [String] {
        try database.strings("SELECT name FROM migrations ORDER BY name")
    }

    /// The store file.
    public var location: String { path }
}

extension SQLiteStore: GraphStoreWriter {}
