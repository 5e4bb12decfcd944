/// A named schema change. Migrations are append-only: never edit or reorder one that has shipped,
/// add a new one at the end of `Migration.all` instead.
struct Migration {
    let name: String
    let sql: String
    /// Whether a reader needs it: one that only changes an index (the data read stays the same)
    /// leaves a store made before it readable, only slower, until a writer opens the store.
    var requiredForReading = true

    /// Every migration, in the order they apply.
    static let all: [Migration] = [
        Migration(name: "0001-initial-schema", sql: """
            CREATE TABLE documents (
                id TEXT PRIMARY KEY NOT NULL,
                hash TEXT NOT NULL,
                date TEXT,
                source TEXT,
                title TEXT,
                added_at TEXT NOT NULL
            );
            CREATE TABLE nodes (
                id TEXT PRIMARY KEY NOT NULL,
                kind TEXT NOT NULL,
                label TEXT NOT NULL,
                label_en TEXT NOT NULL
            );
            CREATE TABLE mentions (
                doc_id TEXT NOT NULL REFERENCES documents(id),
                node_id TEXT NOT NULL REFERENCES nodes(id),
                surface TEXT NOT NULL,
                count INTEGER NOT NULL,
                PRIMARY KEY (doc_id, node_id, surface)
            ) WITHOUT ROWID;
            CREATE INDEX mentions_node ON mentions(node_id, surface);
            CREATE TABLE edges (
                id INTEGER PRIMARY KEY,
                source TEXT NOT NULL REFERENCES nodes(id),
                relation TEXT NOT NULL,
                target TEXT NOT NULL REFERENCES nodes(id),
                UNIQUE (source, relation, target)
            );
            CREATE INDEX edges_target ON edges(target);
            CREATE TABLE evidence (
                id INTEGER PRIMARY KEY,
                edge_id INTEGER NOT NULL REFERENCES edges(id),
                doc_id TEXT NOT NULL REFERENCES documents(id),
                sentence_index INTEGER NOT NULL,
                sentence_start INTEGER NOT NULL,
                sentence_end INTEGER NOT NULL,
                sentence TEXT NOT NULL,
                trigger TEXT NOT NULL,
                frame TEXT NOT NULL,
                confidence REAL NOT NULL,
                hedged INTEGER NOT NULL,
                date TEXT
            );
            -- One evidence row per edge and sentence; also serves lookups by edge, in document order.
            CREATE UNIQUE INDEX evidence_edge ON evidence(edge_id, doc_id, sentence_index);
            CREATE INDEX evidence_doc ON evidence(doc_id);
            """),
        Migration(name: "0002-document-notes", sql: """
            -- What was repaired while reading a document (invalid UTF-8 replaced, …); NULL when nothing.
            ALTER TABLE documents ADD COLUMN notes TEXT;
            """),
        // Mentions by node holding every column the node readers ask for (`forEachNode`, `node`,
        // `actors`): the index alone answers them, in order, instead of one look-up in the table per
        // mention row for its count (the export of a 100k-document store: its node query 5.4 → 0.4 s).
        Migration(name: "0003-mentions-node-covering", sql: """
            DROP INDEX IF EXISTS mentions_node;
            CREATE INDEX mentions_node ON mentions(node_id, surface, doc_id, count);
            """, requiredForReading: false),
        // Evidence by edge holding what a neighbours query reads of each row (confidence, date): the
        // index alone answers it, in order, instead of one read in the table per evidence row, at
        // places all over it (`allies ISIS` on a store built from 1M documents: 72-125 s before).
        // Still one row per edge, document and sentence: no two rows share those three and differ only
        // in confidence or date, as every writer deletes a document's rows before writing them again
        // and an import adds a row only when no row of that edge, document and sentence exists.
        Migration(name: "0004-evidence-edge-covering", sql: """
            DROP INDEX IF EXISTS evidence_edge;
            CREATE UNIQUE INDEX evidence_edge ON evidence(edge_id, doc_id, sentence_index, confidence, date);
            """, requiredForReading: false),
        // Mentions in a table of their own rows, in the order written, instead of one keyed by (document,
        // node, surface): each row is appended, not put in its place in the key (documents whose ids
        // come in no order put their rows at random places in it). Every writer still writes a row
        // per (document, node, surface): a document's mentions are counted before they are written, a
        // replaced document's are deleted first, a large document's later parts add to the rows its
        // earlier parts wrote, and an import adds a row only when the store has none for those three.
        // The rows of a document are found by `mentions_doc`, made when a document is first replaced.
        // The data read stays the same: a reader of a store made before it reads it as it was.
        Migration(name: "0005-mentions-in-arrival-order", sql: """
            CREATE TABLE mentions_in_order (
                doc_id TEXT NOT NULL REFERENCES documents(id),
                node_id TEXT NOT NULL REFERENCES nodes(id),
                surface TEXT NOT NULL,
                count INTEGER NOT NULL
            );
            INSERT INTO mentions_in_order(doc_id, node_id, surface, count)
                SELECT doc_id, node_id, surface, count FROM mentions;
            DROP TABLE mentions;
            ALTER TABLE mentions_in_order RENAME TO mentions;
            CREATE INDEX mentions_node ON mentions(node_id, surface, doc_id, count);
            """, requiredForReading: false),
    ]
}

extension Database {
    /// Applies the migrations not yet recorded in `migrations`, all in one transaction. `upgrading`
    /// hears which, first, when the store already had migrations (not when it is being created).
    func migrate(upgrading: ((String) -> Void)? = nil) throws {
        try transaction {
            try execute("""
                CREATE TABLE IF NOT EXISTS migrations (
                    name TEXT PRIMARY KEY NOT NULL,
                    applied_at TEXT NOT NULL
                )
                """)
            let applied = Set(try strings("SELECT name FROM migrations"))
            let known = Set(Migration.all.map(\.name))
            if let unknown = applied.subtracting(known).sorted().first {
                throw StoreError(
                    "the store was written by a newer actorgraph (unknown migration \(unknown)); upgrade actorgraph",
                    path: path)
            }
            let pending = Migration.all.filter { !applied.contains($0.name) }
            if !applied.isEmpty, !pending.isEmpty, let upgrading {
                upgrading("upgrading the store at \(path) for this actorgraph (\(pending.map(\.name).joined(separator: ", "))); "
                    + "on a large store this takes a few minutes, once")
            }
            for migration in pending {
                try execute(migration.sql)
                try withStatement(
                    "INSERT INTO migrations(name, applied_at) VALUES (?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))"
                ) { statement in
                    try statement.bind(migration.name, at: 1)
                    try statement.run()
                }
            }
        }
    }

    /// Checks, without writing, that a store opened read-only has every migration applied.
    func requireMigrated() throws {
        let hasTable = try scalarInt(
            "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'migrations'") > 0
        let applied = hasTable ? Set(try strings("SELECT name FROM migrations")) : []
        if let missing = Migration.all.first(where: { $0.requiredForReading && !applied.contains($0.name) }) {
            throw StoreError(
                "the store is not an actorgraph store or needs upgrading (migration \(missing.name) missing); "
                    + "run `actorgraph build` on it first",
                path: path)
        }
    }
}
