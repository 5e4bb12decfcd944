/// An error from the graph store: what failed, on which store file, and SQLite's own message.
public struct StoreError: Error, CustomStringConvertible, Sendable {
    /// What the store was doing, or what is wrong with it.
    public var message: String
    /// The store file.
    public var path: String
    /// The SQLite result code, when SQLite reported the error.
    public var code: Int32?
    /// `sqlite3_errmsg` at the time of the error, when SQLite reported it.
    public var sqliteMessage: String?
    /// The SQLSTATE of a PostgreSQL server error (`40P01` deadlock, `23505` unique violation, …), when a server reported it.
    public var sqlState: String?

    public init(_ message: String, path: String, code: Int32? = nil, sqliteMessage: String? = nil) {
        self.message = message; self.path = path; self.code = code; self.sqliteMessage = sqliteMessage
    }

    public var description: String {
        var text = "\(path): \(message)"
        if let sqliteMessage { text += " (SQLite: \(sqliteMessage))" }
        return text
    }
}
