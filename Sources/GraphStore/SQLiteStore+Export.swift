import ActorGraphModel

extension SQLiteStore {
    /// Splits the edges into ranges of consecutive sources holding about `edgesPerRange` edges each
    /// (a source with more edges makes a range of its own), in order; together they hold every edge.
    public func edgeSourceRanges(edgesPerRange: Int) throws -> [EdgeSourceRange] {
        var ranges: [EdgeSourceRange] = []
        try database.withStatement("SELECT source, count(*) FROM edges GROUP BY source ORDER BY source") { statement in
            var open: EdgeSourceRange?
            while try statement.step() {
                let source = statement.string(0), count = statement.int(1)
                if var range = open {
                    range.last = source
                    range.edges += count
                    open = range
                } else {
                    open = EdgeSourceRange(first: source, last: source, edges: count)
                }
                if let range = open, range.edges >= edgesPerRange {
                    ranges.append(range)
                    open = nil
                }
            }
            if let open { ranges.append(open) }
        }
        return ranges
    }

    /// Calls `body` with every edge whose source lies in `sources` (every edge when nil), ordered by
    /// (source, relation, target), as `forEachEdge` aggregates it, but as bytes.
    ///
    /// `body` gets a value that is refilled for the next edge: it must not keep it. Another store
    /// opened on the same file may run this at the same time on another thread, for another range.
    public func forEachEdgeBytes(sources: EdgeSourceRange? = nil, minConfidence: Double = 0, since: String? = nil,
                                 until: String? = nil, _ body: (borrowing EdgeBytes) throws -> Void) throws {
        let columns = """
            SELECT e.id, e.source, e.relation, e.target, v.doc_id, v.sentence_index, v.confidence, v.date, v.sentence, v.hedged
            FROM edges e JOIN evidence v ON v.edge_id = e.id
            WHERE (?1 IS NULL OR v.date >= ?1) AND (?2 IS NULL OR v.date <= ?2)
            """
        let order = "ORDER BY e.source, e.relation, e.target, v.doc_id, v.sentence_index"
        let sql = sources == nil ? "\(columns)\n\(order)" : "\(columns) AND e.source >= ?3 AND e.source <= ?4\n\(order)"
        try database.withStatement(text: sql) { statement in
            try statement.bind(since, at: 1)
            try statement.bind(until, at: 2)
            if let sources {
                try statement.bind(sources.first, at: 3)
                try statement.bind(sources.last, at: 4)
            }
            var fold = EdgeBytesFold(minConfidence: minConfidence)
            while try statement.step() {
                try fold.add(statement, relation: relation, emit: body)
            }
            try fold.finish(body)
        }
    }
}
