import ActorGraphModel

extension RelationType {
    /// The relations as an SQL list of their names (`'attacked', 'controls'`), in a fixed order;
    /// `NULL` for none. The names are the enum's own, so they go into a statement as they are.
    public static func sqlList(_ relations: Set<RelationType>) -> String {
        let names = allCases.filter(relations.contains).map { "'\($0.rawValue)'" }
        return names.isEmpty ? "NULL" : names.joined(separator: ", ")
    }
}

extension SQLiteStore {
    /// The nodes joined to `id` by any of `relations`, in either direction, strongest first
    /// (weight descending, then id).
    ///
    /// Evidence of both directions is merged per neighbour and relation: `direction` says which
    /// ways it runs (`both` for symmetric relations). `minConfidence` drops neighbours whose merged
    /// confidence is lower.
    /// `since`/`until` (`YYYY-MM-DD`, inclusive) count only evidence dated in the window.
    public func neighbours(of id: NodeID, relations: Set<RelationType>, minConfidence: Double = 0,
                           since: String? = nil, until: String? = nil) throws -> [Neighbour] {
        var fold = NeighbourFold(of: id)
        try database.withStatement(text: Self.neighboursSQL(relations: relations)) { statement in
            try statement.bind(id.rawValue, at: 1)
            try statement.bind(since, at: 2)
            try statement.bind(until, at: 3)
            while try statement.step() {
                guard let relation = RelationType(rawValue: statement.string(1)), relations.contains(relation) else { continue }
                fold.add(source: NodeID(statement.string(0)), relation: relation, target: NodeID(statement.string(2)),
                         document: statement.string(3), sentenceIndex: statement.int(4),
                         confidence: statement.double(5), date: statement.optionalString(6))
            }
        }
        return try fold.neighbours(minConfidence: minConfidence, node: nodeRecord)
    }

    /// The evidence rows of `neighbours`: ?1 the node, ?2 and ?3 the dates or NULL. In no order:
    /// the fold's answer does not depend on it, and sorting an actor's million rows was a quarter of
    /// the query.
    ///
    /// Answered from the edges' indexes and `evidence_edge`, which holds every column read here:
    /// without it each evidence row was a read at its own place in the table (an actor named in
    /// most of a million documents has a million rows there: a query took 70-125 s).
    static func neighboursSQL(relations: Set<RelationType>) -> String {
        """
        SELECT e.source, e.relation, e.target, v.doc_id, v.sentence_index, v.confidence, v.date
        FROM edges e JOIN evidence v ON v.edge_id = e.id
        WHERE (e.source = ?1 OR e.target = ?1) AND e.relation IN (\(RelationType.sqlList(relations)))
          AND (?2 IS NULL OR v.date >= ?2) AND (?3 IS NULL OR v.date <= ?3)
        """
    }

    /// Every evidence row of the edges between `a` and `b`, in either direction, ordered by
    /// relation, document and sentence.
    public func evidence(between a: NodeID, and b: NodeID) throws -> [EvidenceRow] {
        try database.withStatement("""
            SELECT e.source, e.relation, e.target, v.doc_id, v.date, v.sentence_index, v.sentence,
                   v.trigger, v.frame, v.confidence, v.hedged
            FROM edges e JOIN evidence v ON v.edge_id = e.id
            WHERE (e.source = ?1 AND e.target = ?2) OR (e.source = ?2 AND e.target = ?1)
            ORDER BY e.relation, v.doc_id, v.sentence_index, e.source, e.target
            """) { statement in
            try statement.bind(a.rawValue, at: 1)
            try statement.bind(b.rawValue, at: 2)
            var rows: [EvidenceRow] = []
            while try statement.step() {
                rows.append(EvidenceRow(
                    source: NodeID(statement.string(0)), relation: try relation(statement.string(1)),
                    target: NodeID(statement.string(2)), document: statement.string(3),
                    date: statement.optionalString(4), sentenceIndex: statement.int(5), sentence: statement.string(6),
                    trigger: statement.string(7), frame: statement.string(8), confidence: statement.double(9),
                    hedged: statement.bool(10)))
            }
            return rows
        }
    }
}

extension SQLiteStore {
    /// The edges with an end among `nodes` (the edges' indexes by source and by target), each
    /// aggregated from its own evidence (`evidence_edge`, in its order): an ego's neighbourhood
    /// without the weight of every edge of the store.
    public func forEachEdgeWeight(touching nodes: [NodeID], since: String?, until: String?,
                                  _ body: (NodeID, RelationType, NodeID, Int, Double) throws -> Void) throws {
        var ends: [Int64: (NodeID, RelationType, NodeID)] = [:]
        for sql in ["SELECT id, source, relation, target FROM edges WHERE source = ?1",
                    "SELECT id, source, relation, target FROM edges WHERE target = ?1"] {
            try database.withStatement(text: sql) { statement in
                for node in nodes {
                    try statement.bind(node.rawValue, at: 1)
                    while try statement.step() {
                        ends[statement.int64(0)] = (NodeID(statement.string(1)), try relation(statement.string(2)), NodeID(statement.string(3)))
                    }
                    statement.reset()
                }
            }
        }
        try database.withStatement("""
            SELECT doc_id, confidence, date FROM evidence
            WHERE edge_id = ?1 AND (?2 IS NULL OR date >= ?2) AND (?3 IS NULL OR date <= ?3)
            ORDER BY doc_id, sentence_index
            """) { statement in
            for id in ends.keys.sorted() {
                try statement.bind(id, at: 1)
                try statement.bind(since, at: 2)
                try statement.bind(until, at: 3)
                var aggregate = EvidenceAggregate()
                var rows = 0
                while try statement.step() {
                    aggregate.add(document: statement.string(0), sentenceIndex: 0, confidence: statement.double(1),
                                  date: statement.optionalString(2))
                    rows += 1
                }
                statement.reset()
                if rows > 0, let (source, relation, target) = ends[id] {
                    try body(source, relation, target, aggregate.weight, aggregate.confidence)
                }
            }
        }
    }

    public var readsEdgesByNode: Bool { true }

    /// Every edge's weight and confidence in the date window, from `evidence_edge` alone: the evidence
    /// read in edge order and folded edge by edge, the edges' ends looked up in a table of them.
    public func forEachEdgeWeight(since: String?, until: String?,
                                  _ body: (NodeID, RelationType, NodeID, Int, Double) throws -> Void) throws {
        var ends: [Int64: (NodeID, RelationType, NodeID)] = [:]
        try database.withStatement("SELECT id, source, relation, target FROM edges") { statement in
            while try statement.step() {
                ends[statement.int64(0)] = (NodeID(statement.string(1)), try relation(statement.string(2)), NodeID(statement.string(3)))
            }
        }
        try database.withStatement("""
            SELECT edge_id, doc_id, confidence, date FROM evidence
            WHERE (?1 IS NULL OR date >= ?1) AND (?2 IS NULL OR date <= ?2)
            ORDER BY edge_id
            """) { statement in
            try statement.bind(since, at: 1)
            try statement.bind(until, at: 2)
            var current: Int64?
            var aggregate = EvidenceAggregate()
            func emit() throws {
                guard let current, let (source, relation, target) = ends[current] else { return }
                try body(source, relation, target, aggregate.weight, aggregate.confidence)
            }
            while try statement.step() {
                let edge = statement.int64(0)
                if edge != current {
                    try emit()
                    current = edge
                    aggregate = EvidenceAggregate()
                }
                aggregate.add(document: statement.string(1), sentenceIndex: 0, confidence: statement.double(2),
                              date: statement.optionalString(3))
            }
            try emit()
        }
    }
}
