import CSQLite
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One SQLite connection: opening, pragmas, cached prepared statements and transactions.
///
/// Used from one thread at a time: a `SQLiteStore` is not `Sendable`, so the connection is opened in
/// SQLite's multi-thread mode (no mutex taken per call; the serialized mode cost the writer about a
/// twentieth of its time in a profile of `build`).
final class Database {
    let handle: OpaquePointer
    let path: String
    private var cache: [String: Statement] = [:]
    private var multiRowCache: [MultiRowKey: Statement] = [:]
    private var literalCache: [UnsafeRawPointer: Statement] = [:]
    /// How many `transaction` calls are open; inner ones are savepoints.
    private var transactionDepth = 0

    /// SQLite's memory statistics, off before the first connection opens (nothing reads them; with
    /// them on, each of SQLite's allocations took a global mutex: 3% of the writer thread's samples).
    static let withoutMemoryStatistics: Void = { _ = csqlite_disable_memstatus() }()

    /// Opens the connection; with `serialized` false (for a connection one thread owns) SQLite takes no mutex per call.
    init(path: String, readOnly: Bool, serialized: Bool = false) throws {
        _ = Database.withoutMemoryStatistics
        var handle: OpaquePointer?
        let flags = (readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
            | (serialized ? SQLITE_OPEN_FULLMUTEX : SQLITE_OPEN_NOMUTEX)
        let code = sqlite3_open_v2(path, &handle, flags, nil)
        guard code == SQLITE_OK, let handle else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(code))
            sqlite3_close_v2(handle)
            throw StoreError("cannot open the store", path: path, code: code, sqliteMessage: message)
        }
        self.handle = handle
        self.path = path
        sqlite3_extended_result_codes(handle, 1)
    }

    deinit {
        cache.removeAll()  // finalizes every cached statement before the connection closes
        literalCache.removeAll()
        multiRowCache.removeAll()
        sqlite3_close_v2(handle)
    }

    /// An error carrying SQLite's current message and the store path.
    func error(_ message: String, code: Int32) -> StoreError {
        StoreError(message, path: path, code: code, sqliteMessage: String(cString: sqlite3_errmsg(handle)))
    }

    /// Runs one or more SQL statements that take no parameters.
    func execute(_ sql: String) throws {
        let code = sqlite3_exec(handle, sql, nil, nil, nil)
        guard code == SQLITE_OK else { throw error("cannot run `\(sql)`", code: code) }
    }

    /// Runs `body` with the cached prepared statement for `sql`, reset and unbound afterwards.
    ///
    /// A nested use of the same SQL (a closure re-entering the store) gets a fresh statement
    /// instead of resetting the one still being stepped.
    func withStatement<T>(text sql: String, _ body: (Statement) throws -> T) throws -> T {
        let statement: Statement
        if let cached = cache[sql] {
            statement = cached.inUse ? try Statement(database: self, sql: sql) : cached
        } else {
            statement = try Statement(database: self, sql: sql)
            cache[sql] = statement
        }
        return try use(statement, body)
    }

    /// `withStatement(text:)` for SQL written in the source, its statement found by the literal's
    /// address: hashing and comparing the SQL text at each call cost the writer about a fifteenth of
    /// its instructions (one lookup per row written).
    func withStatement<T>(_ sql: StaticString, _ body: (Statement) throws -> T) throws -> T {
        guard sql.hasPointerRepresentation else { return try withStatement(text: sql.description, body) }
        let key = UnsafeRawPointer(sql.utf8Start)
        let statement: Statement
        if let cached = literalCache[key] {
            statement = cached.inUse ? try Statement(database: self, sql: sql.description) : cached
        } else {
            statement = try Statement(database: self, sql: sql.description)
            literalCache[key] = statement
        }
        return try use(statement, body)
    }

    /// `withStatement` for `sql` made for `rows` rows, each count of rows prepared once.
    func withStatement<T>(_ sql: MultiRowSQL, rows: Int, _ body: (Statement) throws -> T) throws -> T {
        precondition(rows > 0 && rows <= MultiRowSQL.maximumRows, "rows out of range")
        let key = MultiRowKey(head: UnsafeRawPointer(sql.head.utf8Start), rows: rows)
        let statement: Statement
        if let cached = multiRowCache[key] {
            statement = cached.inUse ? try Statement(database: self, sql: sql.text(rows: rows)) : cached
        } else {
            statement = try Statement(database: self, sql: sql.text(rows: rows))
            multiRowCache[key] = statement
        }
        return try use(statement, body)
    }

    /// Runs `sql` for `count` rows, up to `MultiRowSQL.maximumRows` a statement. `bind(statement,
    /// row, parameter)` binds row `row`'s values from parameter number `parameter` on.
    func insert(_ sql: MultiRowSQL, rows count: Int, bind: (Statement, Int, Int32) throws -> Void) throws {
        var first = 0
        while first < count {
            let rows = min(count - first, MultiRowSQL.maximumRows)
            try withStatement(sql, rows: rows) { statement in
                for row in 0..<rows { try bind(statement, first + row, Int32(row) * sql.parameters + 1) }
                try statement.run()
            }
            first += rows
        }
    }

    private func use<T>(_ statement: Statement, _ body: (Statement) throws -> T) throws -> T {
        statement.inUse = true
        defer {
            statement.reset()
            statement.inUse = false
        }
        return try body(statement)
    }

    /// Runs `body` inside `BEGIN IMMEDIATE … COMMIT`, rolling back if anything throws. Called inside
    /// another transaction it is a savepoint: its changes go or stay with the outer transaction.
    ///
    /// Another process holding the write lock is waited for (`busy_timeout`), and the `BEGIN` is
    /// retried a few times beyond that before the store is reported busy.
    func transaction<T>(_ body: () throws -> T) throws -> T {
        if transactionDepth > 0 {
            let name = "s\(transactionDepth)"
            try execute("SAVEPOINT \(name)")
            transactionDepth += 1
            defer { transactionDepth -= 1 }
            do {
                let result = try body()
                try execute("RELEASE \(name)")
                return result
            } catch {
                try? execute("ROLLBACK TO \(name)")
                try? execute("RELEASE \(name)")
                throw error
            }
        }
        try beginImmediate()
        transactionDepth = 1
        defer { transactionDepth = 0 }
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            // Leave the store as it was; the original error is the one worth reporting.
            if sqlite3_get_autocommit(handle) == 0 { try? execute("ROLLBACK") }
            throw error
        }
    }

    /// How many times SQLite re-prepared the cached statements since they were made
    /// (`SQLITE_STMTSTATUS_REPREPARE`): a schema change or a flag pragma expires them all.
    var repreparations: Int {
        let statements = Array(cache.values) + Array(literalCache.values) + Array(multiRowCache.values)
        return statements.reduce(0) { $0 + Int(sqlite3_stmt_status($1.handle, SQLITE_STMTSTATUS_REPREPARE, 0)) }
    }

    /// Whether a `transaction` is open (what is written may still be rolled back by an outer one).
    var inTransaction: Bool { transactionDepth > 0 }

    /// Whether SQLite checks foreign keys on this connection's writes (on when it is opened).
    private(set) var foreignKeysEnforced = true

    /// Turns SQLite's foreign-key enforcement off for the writes that follow, and leaves it off until
    /// `enforceForeignKeys`. Only outside a transaction (the pragma does nothing inside one): in one,
    /// enforcement stays as it is.
    ///
    /// For `SQLiteStore.ingest`, which writes every parent row (document, node placeholder, edge)
    /// before the rows that refer to it: SQLite's re-check of each reference is a B-tree lookup of the
    /// document and of the node (or edge) per mention and evidence row, about a tenth of a build's
    /// writing (20k documents, three interleaved runs each: 12.4 → 11.0 CPU-seconds on average).
    /// `check` still finds any row whose parent is missing.
    ///
    /// Left off rather than turned on again after each batch: setting the pragma, either way, expires
    /// every prepared statement of the connection, so each was parsed again at its next use. Around
    /// every batch that re-prepared some 48 statements a batch (the 32-row inserts among them), 2% of
    /// a build's instructions (2,000 documents: 482 re-preparations, 84M instructions).
    func relaxForeignKeys() throws {
        guard foreignKeysEnforced, transactionDepth == 0 else { return }
        try execute("PRAGMA foreign_keys = OFF")
        foreignKeysEnforced = false
    }

    /// Turns foreign-key enforcement on again if `relaxForeignKeys` turned it off (outside a
    /// transaction only, as there). Writers other than `ingest` call it before they write.
    func enforceForeignKeys() throws {
        guard !foreignKeysEnforced, transactionDepth == 0 else { return }
        try execute("PRAGMA foreign_keys = ON")
        foreignKeysEnforced = true
    }

    private func beginImmediate() throws {
        var attempt = 0
        while true {
            let code = sqlite3_exec(handle, "BEGIN IMMEDIATE", nil, nil, nil)
            if code == SQLITE_OK { return }
            let primary = code & 0xFF
            attempt += 1
            guard (primary == SQLITE_BUSY || primary == SQLITE_LOCKED), attempt < 6 else {
                throw error(primary == SQLITE_BUSY
                    ? "the store stayed locked by another process; try again when it has finished"
                    : "cannot begin a transaction", code: code)
            }
            usleep(UInt32(50_000 * attempt))
        }
    }

    /// The value of a one-row, one-column query such as `SELECT count(*) FROM t`.
    func scalarInt(_ sql: String) throws -> Int {
        try withStatement(text: sql) { statement in
            try statement.step() ? statement.int(0) : 0
        }
    }

    /// Every value of the first column of a query, as text.
    func strings(_ sql: String) throws -> [String] {
        try withStatement(text: sql) { statement in
            var values: [String] = []
            while try statement.step() { values.append(statement.string(0)) }
            return values
        }
    }

    /// Rows changed by the last INSERT / UPDATE / DELETE.
    var changes: Int { Int(sqlite3_changes(handle)) }

    var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }
}

/// An INSERT of several rows in one statement: `head`, then `row` once per row, comma-separated,
/// then `tail`. One statement run per batch of rows instead of per row saves the program's set-up
/// per row (the transaction check, the cursors opened on the table and its indexes): for 43,512
/// mention rows alone, `sqlite3_step` took 3.8K instructions a row in 16-row statements against
/// 7.4K one by one; in a whole build the B-tree work per row remains, and the saving is smaller.
///
/// Write `INSERT OR FAIL`, not a plain `INSERT` (`OR ABORT`): a statement of several rows that
/// may abort part of the way through undoes its own rows, so SQLite copies every page it is first
/// to change into a statement journal, in memory (a 20,000-document build: 159k page copies with
/// 4 KiB pages; with 16 KiB pages, 794M instructions of copying, 3.6% of the build). `OR FAIL`
/// leaves the rows before a failing one in place, and nothing needs the copies: every caller's
/// transaction (or savepoint) is rolled back whole when a statement fails.
struct MultiRowSQL {
    /// The most rows one statement takes.
    static let maximumRows = 32
    /// Up to `VALUES`, with a literal address that keys the prepared statements.
    let head: StaticString
    /// One row's placeholders, such as `(?, ?, ?)`.
    let row: StaticString
    /// What follows the rows (an `ON CONFLICT` clause), or empty.
    let tail: StaticString
    /// The parameters of one row (the `?` in `row`).
    let parameters: Int32

    init(head: StaticString, row: StaticString, tail: StaticString) {
        self.head = head; self.row = row; self.tail = tail
        parameters = Int32(UnsafeBufferPointer(start: row.utf8Start, count: row.utf8CodeUnitCount).filter { $0 == 0x3F }.count)
    }

    func text(rows: Int) -> String {
        "\(head) " + Array(repeating: "\(row)", count: rows).joined(separator: ", ") + " \(tail)"
    }
}

private struct MultiRowKey: Hashable {
    var head: UnsafeRawPointer
    var rows: Int
}
