import CSQLite

/// A prepared SQLite statement with typed bind / step / column helpers.
///
/// Parameters and columns are numbered from 1 and 0 respectively, as in the C API.
final class Statement {
    let handle: OpaquePointer
    let sql: String
    unowned let database: Database
    /// Set while a caller holds the statement, so a nested use of the same SQL prepares a fresh one.
    var inUse = false

    init(database: Database, sql: String) throws {
        var handle: OpaquePointer?
        let code = sqlite3_prepare_v3(database.handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &handle, nil)
        guard code == SQLITE_OK, let handle else {
            sqlite3_finalize(handle)
            throw database.error("cannot prepare `\(sql)`", code: code)
        }
        self.handle = handle
        self.sql = sql
        self.database = database
    }

    deinit {
        sqlite3_finalize(handle)
        arena?.deallocate()
    }

    /// Makes the statement ready to run again with new parameters.
    func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        // Nothing refers to the arena now: it may be emptied, and grown to what the last run wanted.
        arenaUsed = 0
        if arenaWanted > arenaCapacity {
            arena?.deallocate()
            arenaCapacity = min(max(arenaWanted, 2 * arenaCapacity), Self.arenaLimit)
            arena = UnsafeMutablePointer<UInt8>.allocate(capacity: arenaCapacity)
        }
    }

    // MARK: Text arena

    /// Bound text, copied here and bound without SQLite copying it again (`SQLITE_STATIC`): a
    /// statement run per row of the writer binds a few texts each time, and SQLite's own copy
    /// is a malloc, a copy and a free for each. The arena never moves or empties while bindings
    /// may point into it (only `reset`, after `sqlite3_clear_bindings`, empties it); text that does
    /// not fit is bound the usual way, and the arena grows to fit at the next reset, up to a limit.
    private var arena: UnsafeMutablePointer<UInt8>?
    private var arenaCapacity = 0
    private var arenaUsed = 0
    private var arenaWanted = 0
    private static let arenaLimit = 1 << 20

    /// Binds `count` bytes at `base` as text: from the arena when they fit, else copied by SQLite.
    private func bindText(_ base: UnsafePointer<UInt8>, count: Int, at index: Int32) -> Int32 {
        arenaWanted = max(arenaWanted, arenaUsed + count)
        if let arena, arenaUsed + count <= arenaCapacity {
            let copy = arena + arenaUsed
            copy.update(from: base, count: count)
            arenaUsed += count
            return copy.withMemoryRebound(to: CChar.self, capacity: count) {
                sqlite3_bind_text(handle, index, $0, Int32(count), nil)  // nil: SQLITE_STATIC
            }
        }
        return base.withMemoryRebound(to: CChar.self, capacity: count) {
            sqlite3_bind_text(handle, index, $0, Int32(count), csqlite_transient())
        }
    }

    // MARK: Binding

    func bind(_ value: String?, at index: Int32) throws {
        guard let value else { return try bindNull(at: index) }
        try bind(value, at: index)
    }

    func bind(_ value: String, at index: Int32) throws {
        func bind(_ buffer: UnsafeBufferPointer<UInt8>) -> Int32 {
            // An empty buffer may have no base address, which SQLite would bind as NULL.
            guard let base = buffer.baseAddress, buffer.count > 0 else {
                return sqlite3_bind_text(handle, index, "", 0, csqlite_transient())
            }
            return bindText(base, count: buffer.count, at: index)
        }
        // Read in place when contiguous (native and small strings): a copy for `withUTF8` was
        // retained and released for every value bound.
        if let code = value.utf8.withContiguousStorageIfAvailable(bind) { return try check(code, "bind text") }
        var text = value
        try check(text.withUTF8(bind), "bind text")
    }

    /// Binds UTF-8 bytes as text (copied before the call returns); the caller vouches they are valid UTF-8.
    func bindText(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int32) throws {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return try bind("", at: index) }
        try check(bindText(base, count: bytes.count, at: index), "bind text")
    }

    func bind(_ value: Int, at index: Int32) throws {
        try check(sqlite3_bind_int64(handle, index, Int64(value)), "bind integer")
    }

    func bind(_ value: Int64, at index: Int32) throws {
        try check(sqlite3_bind_int64(handle, index, value), "bind integer")
    }

    func bind(_ value: Double, at index: Int32) throws {
        try check(sqlite3_bind_double(handle, index, value), "bind real")
    }

    func bind(_ value: Bool, at index: Int32) throws {
        try bind(value ? 1 : 0, at: index)
    }

    func bindNull(at index: Int32) throws {
        try check(sqlite3_bind_null(handle, index), "bind null")
    }

    // MARK: Stepping

    /// Advances to the next row; `false` once the statement is done.
    @discardableResult
    func step() throws -> Bool {
        let code = sqlite3_step(handle)
        switch code {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw database.error("cannot run `\(sql)`", code: code)
        }
    }

    /// Runs a statement that returns no rows.
    func run() throws {
        while try step() {}
    }

    // MARK: Columns

    func isNull(_ column: Int32) -> Bool {
        sqlite3_column_type(handle, column) == SQLITE_NULL
    }

    func string(_ column: Int32) -> String {
        guard let text = sqlite3_column_text(handle, column) else { return "" }
        let count = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self)
    }

    /// The column's text as bytes, valid until the next `step` or `reset` (empty for NULL).
    func text(_ column: Int32) -> UnsafeRawBufferPointer {
        guard let text = sqlite3_column_text(handle, column) else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(start: text, count: Int(sqlite3_column_bytes(handle, column)))
    }

    func optionalString(_ column: Int32) -> String? {
        isNull(column) ? nil : string(column)
    }

    func int(_ column: Int32) -> Int {
        Int(sqlite3_column_int64(handle, column))
    }

    func int64(_ column: Int32) -> Int64 {
        sqlite3_column_int64(handle, column)
    }

    func double(_ column: Int32) -> Double {
        sqlite3_column_double(handle, column)
    }

    func bool(_ column: Int32) -> Bool {
        sqlite3_column_int64(handle, column) != 0
    }

    private func check(_ code: Int32, _ what: String) throws {
        guard code == SQLITE_OK else { throw database.error("cannot \(what) in `\(sql)`", code: code) }
    }
}
