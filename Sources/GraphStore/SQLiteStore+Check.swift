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
        let orphans: [(String, String)] = [
            ("evidence rows refer to a missing edge",
             "SELECT count(*) FROM evidence v WHERE NOT EXISTS (SELECT 1 FROM edges e WHERE e.id = v.edge_id)"),
            ("evidence rows refer to a missing document",
             "SELECT count(*) FROM evidence v WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = v.doc_id)"),
            ("edges have no evidence",
             "SELECT count(*) FROM edges e WHERE NOT EXISTS (SELECT 1 FROM evidence v WHERE v.edge_id = e.id)"),
            ("edges refer to a missing node",
             """
             SELECT count(*) FROM edges e WHERE NOT EXISTS (SELECT 1 FROM nodes n WHERE n.id = e.source)
                OR NOT EXISTS (SELECT 1 FROM nodes n WHERE n.id = e.target)
             """),
            ("symmetric edges are not stored in canonical (source < target) order",
             "SELECT count(*) FROM edges WHERE relation = 'allied-with' AND source > target"),
            ("mentions refer to a missing document",
             "SELECT count(*) FROM mentions m WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = m.doc_id)"),
            ("mentions refer to a missing node",
             "SELECT count(*) FROM mentions m WHERE NOT EXISTS (SELECT 1 FROM nodes n WHERE n.id = m.node_id)"),
        ]
        for (what, sql) in orphans {
            let count = try database.scalarInt(sql)
            if count > 0 { problems.append("\(count) \(what)") }
        }
        return problems
    }
}
