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
        try database.withStatement(text: Self.edgeEvidenceCountsSQL) { statement in
            var open: EdgeRange?
            while try statement.step() {
                let key = EdgeRange.Key(source: statement.string(0), relation: statement.string(1), target: statement.string(2))
                let evidence = statement.int(3)
                if var range = open {
                    range.last = key
                    range.edges += 1
                    range.evidence += evidence
                    open = range
                } else {
                    open = EdgeRange(first: key, last: key, edges: 1, evidence: evidence)
                }
                if let range = open, range.evidence >= evidencePerRange {
                    ranges.append(range)
                    open = nil
                }
            }
            if let open { ranges.append(open) }
        }
        return ranges
    }

    /// Every edge in export order with its number of evidence rows (counted on `evidence_edge`).
    static let edgeEvidenceCountsSQL = """
        SELECT e.source, e.relation, e.target, (SELECT count(*) FROM evidence v WHERE v.edge_id = e.id)
        FROM edges e ORDER BY e.source, e.relation, e.target
        """

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
