import ActorGraphModel

extension SQLiteStore {
    /// Splits the edges into ranges of consecutive edges holding about `evidencePerRange` evidence rows
    /// each (an edge with more makes a range of its own), in order; together they hold every edge.
    ///
    /// Sized by evidence rather than by edges: an edge's GraphML grows with its evidence (in a store
    /// built from a million documents some edges have a hundred thousand rows), so ranges of so many
    /// edges were a few hundred MB each, too few to share between the workers, and held in memory.
    public func edgeRanges(evidencePerRange: Int) throws -> [EdgeRange] {
        var ranges: [EdgeRange] = []
        try edgeRanges(evidencePerRange: evidencePerRange) { ranges.append($0) }
        return ranges
    }

    /// Calls `body` with each of the ranges `edgeRanges(evidencePerRange:)` returns, in order, as
    /// the scan of the edges finds it: the first comes once the evidence is counted (0.3 s of a
    /// store of a million edges), not after the whole scan. An error `body` throws stops the scan.
    public func edgeRanges(evidencePerRange: Int, _ body: (EdgeRange) throws -> Void) throws {
        // Evidence rows per edge id, in one pass over `evidence_edge` (edge ids are the edges'
        // rowids, dense but for deleted edges): a count asked of the index for each edge in turn
        // took 2.3 s on a store of a million edges, this 0.5 s. Ranges only share the work out: an
        // edge whose id lies beyond the table (a store that made some 64M edges) counts as one row.
        let maxID = min(try database.scalarInt("SELECT coalesce(max(id), 0) FROM edges"), 1 << 26)
        var counts = [Int32](repeating: 0, count: maxID + 1)
        try database.withStatement("SELECT edge_id, count(*) FROM evidence GROUP BY edge_id") { statement in
            while try statement.step() {
                let id = statement.int(0)
                if id >= 0 && id <= maxID { counts[id] = Int32(clamping: statement.int(1)) }
            }
        }
        func key(_ statement: Statement) -> EdgeRange.Key {
            EdgeRange.Key(source: statement.string(1), relation: statement.string(2), target: statement.string(3))
        }
        // The keys are read only where a range starts or ends.
        try database.withStatement("SELECT id, source, relation, target FROM edges ORDER BY source, relation, target") { statement in
            var open: EdgeRange?
            while try statement.step() {
                let id = statement.int(0)
                let evidence = id >= 0 && id <= maxID ? Int(counts[id]) : 1
                if var range = open {
                    range.edges += 1
                    range.evidence += evidence
                    open = range
                } else {
                    let first = key(statement)
                    open = EdgeRange(first: first, last: first, edges: 1, evidence: evidence)
                }
                if var range = open, range.evidence >= evidencePerRange {
                    range.last = key(statement)
                    open = nil
                    try body(range)
                }
            }
            if var range = open {
                range.last = try lastEdgeKey() ?? range.first
                try body(range)
            }
        }
    }

    /// The last edge in export order.
    private func lastEdgeKey() throws -> EdgeRange.Key? {
        try database.withStatement(
            "SELECT source, relation, target FROM edges ORDER BY source DESC, relation DESC, target DESC LIMIT 1"
        ) { statement in
            try statement.step()
                ? EdgeRange.Key(source: statement.string(0), relation: statement.string(1), target: statement.string(2)) : nil
        }
    }

    /// Calls `body` with every edge of `range` (every edge when nil), ordered by (source, relation,
    /// target), as `forEachEdge` aggregates it, but as bytes.
    ///
    /// `body` gets a value that is refilled for the next edge: it must not keep it. Another store
    /// opened on the same file may run this at the same time on another thread, for another range.
    public func forEachEdgeBytes(range: EdgeRange? = nil, minConfidence: Double = 0, since: String? = nil,
                                 until: String? = nil, _ body: (borrowing EdgeBytes) throws -> Void) throws {
        let columns = """
            SELECT e.id, e.source, e.relation, e.target, v.doc_id, v.sentence_index, v.confidence, v.date, v.sentence, v.hedged
            FROM edges e JOIN evidence v ON v.edge_id = e.id
            WHERE (?1 IS NULL OR v.date >= ?1) AND (?2 IS NULL OR v.date <= ?2)
            """
        let order = "ORDER BY e.source, e.relation, e.target, v.doc_id, v.sentence_index"
        let sql = range == nil ? "\(columns)\n\(order)"
            : "\(columns) AND (e.source, e.relation, e.target) BETWEEN (?3, ?4, ?5) AND (?6, ?7, ?8)\n\(order)"
        try database.withStatement(text: sql) { statement in
            try statement.bind(since, at: 1)
            try statement.bind(until, at: 2)
            if let range {
                for (offset, key) in [(3, range.first), (6, range.last)] {
                    try statement.bind(key.source, at: Int32(offset))
                    try statement.bind(key.relation, at: Int32(offset + 1))
                    try statement.bind(key.target, at: Int32(offset + 2))
                }
            }
            var fold = EdgeBytesFold(minConfidence: minConfidence)
            while try statement.step() {
                try fold.add(statement, relation: relation, emit: body)
            }
            try fold.finish(body)
        }
    }
}
