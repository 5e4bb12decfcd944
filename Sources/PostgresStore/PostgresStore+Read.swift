#if PostgreSQL
import ActorGraphModel
import GraphStore

extension PostgresStore {
    /// The content hash stored for a document, or nil when the store does not hold it.
    public func storedHash(ofDocument id: String) throws -> String? {
        try query("SELECT hash FROM documents WHERE id = $1", [.text(id)]).first?.string(0)
    }

    /// Every node with a mention or an edge, ordered by id, streamed through a cursor.
    public func forEachNode(_ body: (GraphNode) throws -> Void) throws {
        try streamNodes("""
            SELECT n.id, n.kind, n.label, n.label_en, m.surface, m.count, m.doc_id
            FROM nodes n LEFT JOIN mentions m ON m.node_id = n.id
            WHERE EXISTS (SELECT 1 FROM mentions WHERE node_id = n.id)
               OR EXISTS (SELECT 1 FROM edges WHERE source = n.id)
               OR EXISTS (SELECT 1 FROM edges WHERE target = n.id)
            ORDER BY n.id, m.surface, m.doc_id
            """, [], body)
    }

    /// Nodes with their surfaces once and counts summed, through one cursor; each node's mention rows
    /// through a cursor of their own, a few thousand at a time (`forEachRow`), as the writer asks.
    public func forEachNodeStreamingDetail(
        _ body: (GraphNode, _ rows: (_ row: (UnsafeBufferPointer<UInt8>, Int, UnsafeBufferPointer<UInt8>) throws -> Void) throws -> Void) throws -> Void
    ) throws {
        try streamNodes("""
            SELECT n.id, n.kind, n.label, n.label_en, m.surface, sum(m.count)::bigint
            FROM nodes n LEFT JOIN mentions m ON m.node_id = n.id
            WHERE EXISTS (SELECT 1 FROM mentions WHERE node_id = n.id)
               OR EXISTS (SELECT 1 FROM edges WHERE source = n.id)
               OR EXISTS (SELECT 1 FROM edges WHERE target = n.id)
            GROUP BY n.id, m.surface
            ORDER BY n.id, m.surface
            """, [], detail: false) { node in
            try body(node) { row in
                guard !node.aliases.isEmpty else { return }   // no mention row
                try forEachRow("SELECT doc_id, count, surface FROM mentions WHERE node_id = $1 ORDER BY surface, doc_id",
                               [.text(node.id.rawValue)]) { r in
                    var document = try r.string(0), surface = try r.string(2)
                    let count = try r.int(1)
                    try document.withUTF8 { d in try surface.withUTF8 { s in try row(d, count, s) } }
                }
            }
        }
    }

    public func node(_ id: NodeID) throws -> GraphNode? {
        var found: GraphNode?
        try streamNodes("""
            SELECT n.id, n.kind, n.label, n.label_en, m.surface, m.count, m.doc_id
            FROM nodes n LEFT JOIN mentions m ON m.node_id = n.id
            WHERE n.id = $1
            ORDER BY n.id, m.surface, m.doc_id
            """, [.text(id.rawValue)], cursor: false) { found = $0 }
        return found
    }

    public func nodeRecord(_ id: NodeID) throws -> GraphNode? {
        try query("SELECT id, kind, label, label_en FROM nodes WHERE id = $1", [.text(id.rawValue)]).first.map { row in
            GraphNode(id: NodeID(try row.string(0)), label: try row.string(2), labelEn: try row.string(3),
                      kind: NodeKind(rawValue: try row.string(1)) ?? .other, aliases: [], mentions: 0)
        }
    }

    public func actors() throws -> [GraphNode] {
        var actors: [GraphNode] = []
        try streamNodes("""
            SELECT n.id, n.kind, n.label, n.label_en, m.surface, sum(m.count)::bigint
            FROM nodes n JOIN mentions m ON m.node_id = n.id
            GROUP BY n.id, m.surface
            ORDER BY n.id, m.surface
            """, [], detail: false) { actors.append($0) }
        return actors.sorted { ($1.mentions, $0.id) < ($0.mentions, $1.id) }
    }

    /// Every edge in (source, relation, target) order, folded from its evidence one edge at a time.
    public func forEachEdge(minConfidence: Double = 0, since: String? = nil, until: String? = nil,
                            _ body: (GraphEdge) throws -> Void) throws {
        var fold = EdgeFold(minConfidence: minConfidence)
        try forEachRow("""
            SELECT e.id, e.source, e.relation, e.target, v.doc_id, v.sentence_index, v.confidence, v.date, v.sentence, v.hedged
            FROM edges e JOIN evidence v ON v.edge_id = e.id
            WHERE ($1::text IS NULL OR v.date >= $1) AND ($2::text IS NULL OR v.date <= $2)
            ORDER BY e.source, e.relation, e.target, v.doc_id, v.sentence_index
            """, [.text(since), .text(until)]) { row in
            let sentence = try row.string(8)
            if let edge = try fold.add(
                edge: try row.int64(0),
                endpoints: { (NodeID(try row.string(1)), try relation(try row.string(2)), NodeID(try row.string(3))) },
                document: try row.string(4), sentenceIndex: try row.int(5), confidence: try row.double(6),
                date: try row.optionalString(7), hedged: try row.bool(9), sentence: { sentence }) {
                try body(edge)
            }
        }
        if let edge = fold.finish() { try body(edge) }
    }

    public func exampleSentences(of id: NodeID, limit: Int = 2) throws -> [(document: String, sentence: String)] {
        try query("""
            SELECT v.doc_id, v.sentence FROM evidence v JOIN edges e ON e.id = v.edge_id
            WHERE e.source = $1 OR e.target = $1
            ORDER BY v.doc_id, v.sentence_index LIMIT $2
            """, [.text(id.rawValue), .int(limit)]).map { (try $0.string(0), try $0.string(1)) }
    }

    public func documents(mentioning id: NodeID) throws -> [String] {
        try query("SELECT DISTINCT doc_id FROM mentions WHERE node_id = $1 ORDER BY doc_id", [.text(id.rawValue)])
            .map { try $0.string(0) }
    }

    public func neighbours(of id: NodeID, relations: Set<RelationType>, minConfidence: Double = 0,
                           since: String? = nil, until: String? = nil) throws -> [Neighbour] {
        var fold = NeighbourFold(of: id)
        try forEachRow("""
            SELECT e.source, e.relation, e.target, v.doc_id, v.sentence_index, v.confidence, v.date
            FROM edges e JOIN evidence v ON v.edge_id = e.id
            WHERE (e.source = $1 OR e.target = $1) AND e.relation IN (\(RelationType.sqlList(relations)))
              AND ($2::text IS NULL OR v.date >= $2) AND ($3::text IS NULL OR v.date <= $3)
            """, [.text(id.rawValue), .text(since), .text(until)]) { row in
            guard let relation = RelationType(rawValue: try row.string(1)), relations.contains(relation) else { return }
            fold.add(source: NodeID(try row.string(0)), relation: relation, target: NodeID(try row.string(2)),
                     document: try row.string(3), sentenceIndex: try row.int(4),
                     confidence: try row.double(5), date: try row.optionalString(6))
        }
        return try fold.neighbours(minConfidence: minConfidence, node: nodeRecord)
    }

    public func evidence(between a: NodeID, and b: NodeID) throws -> [EvidenceRow] {
        try query("""
            SELECT e.source, e.relation, e.target, v.doc_id, v.date, v.sentence_index, v.sentence,
                   v.trigger, v.frame, v.confidence, v.hedged
            FROM edges e JOIN evidence v ON v.edge_id = e.id
            WHERE (e.source = $1 AND e.target = $2) OR (e.source = $2 AND e.target = $1)
            ORDER BY e.relation, v.doc_id, v.sentence_index, e.source, e.target
            """, [.text(a.rawValue), .text(b.rawValue)]).map { row in
            EvidenceRow(
                source: NodeID(try row.string(0)), relation: try relation(try row.string(1)),
                target: NodeID(try row.string(2)), document: try row.string(3), date: try row.optionalString(4),
                sentenceIndex: try row.int(5), sentence: try row.string(6), trigger: try row.string(7),
                frame: try row.string(8), confidence: try row.double(9), hedged: try row.bool(10))
        }
    }

    /// Checks what the server's constraints do not: rows that lost what they refer to, edges without
    /// evidence, symmetric edges out of order, duplicated evidence. One line per problem; empty when healthy.
    public func check() throws -> [String] {
        var problems: [String] = []
        for (what, sql) in orphanChecks {
            let count = try queryOne(sql).int(0)
            if count > 0 { problems.append("\(count) \(what)") }
        }
        return problems
    }

    func relation(_ rawValue: String) throws -> RelationType {
        guard let relation = RelationType(rawValue: rawValue) else {
            throw StoreError("unknown relation `\(rawValue)`; the store was written by a newer actorgraph", path: location)
        }
        return relation
    }

    /// Folds rows of (id, kind, label, label_en, surface?, count, document), ordered by id, into nodes;
    /// without `detail`, rows of (id, kind, label, label_en, surface?, count) into nodes without it.
    private func streamNodes(_ sql: String, _ values: [Value], cursor: Bool = true, detail: Bool = true,
                             _ body: (GraphNode) throws -> Void) throws {
        var current: GraphNode?
        func fold(_ row: Row) throws {
            let id = NodeID(try row.string(0))
            if current?.id != id {
                if let current { try body(current) }
                current = GraphNode(
                    id: id, label: try row.string(2), labelEn: try row.string(3),
                    kind: NodeKind(rawValue: try row.string(1)) ?? .other, aliases: [], mentions: 0)
            }
            if !row.isNull(4) {
                let surface = try row.string(4), count = try row.int(5)
                if current?.aliases.last != surface { current?.aliases.append(surface) }
                current?.mentions += count
                if detail { current?.mentionDetail.append(MentionDetail(document: try row.string(6), surface: surface, count: count)) }
            }
        }
        if cursor {
            try forEachRow(sql, values, fold)
        } else {
            for row in try query(sql, values) { try fold(row) }
        }
        if let current { try body(current) }
    }
}

extension PostgresStore {
    public func forEachEdgeWeight(since: String?, until: String?,
                                  _ body: (NodeID, RelationType, NodeID, Int, Double) throws -> Void) throws {
        var current: (id: Int64, source: NodeID, relation: RelationType, target: NodeID)?
        var aggregate = EvidenceAggregate()
        func emit() throws {
            guard let edge = current else { return }
            try body(edge.source, edge.relation, edge.target, aggregate.weight, aggregate.confidence)
        }
        try forEachRow("""
            SELECT e.id, e.source, e.relation, e.target, v.doc_id, v.confidence, v.date
            FROM edges e JOIN evidence v ON v.edge_id = e.id
            WHERE ($1::text IS NULL OR v.date >= $1) AND ($2::text IS NULL OR v.date <= $2)
            ORDER BY e.id
            """, [.text(since), .text(until)]) { row in
            let id = try row.int64(0)
            if current?.id != id {
                try emit()
                current = (id, NodeID(try row.string(1)), try relation(try row.string(2)), NodeID(try row.string(3)))
                aggregate = EvidenceAggregate()
            }
            aggregate.add(document: try row.string(4), sentenceIndex: 0, confidence: try row.double(5), date: try row.optionalString(6))
        }
        try emit()
    }
}
#endif
