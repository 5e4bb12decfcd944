extension SQLiteStore {
    /// Checks the store: SQLite's integrity and foreign-key checks, then rows that lost what they
    /// refer to. Returns one line per problem; empty means healthy.
    public func check() throws -> [String] {
        var problems: [String] = []
        for line in try database.strings("PRAGMA integrity_check") where line != "ok" {
            problems.append("integrity: \(line)")
        }
        try database.withStatement("PRAGMA foreign_key_check") { statement in
            while try statement.step() {
                let row = statement.isNull(1) ? "a row" : "row \(statement.int64(1))"
                problems.append("foreign key: \(row) of \(statement.string(0)) refers to a missing row of \(statement.string(2))")
            }
        }
        for (what, sql) in orphanChecks {
            let count = try database.scalarInt(sql)
            if count > 0 { problems.append("\(count) \(what)") }
        }
        return problems
    }
}
