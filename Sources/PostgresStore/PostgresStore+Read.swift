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

    public func actors() throws -> [GraphNode] {
        var actors: [GraphNode] = []
        try streamNodes("""
            SELECT n.id, n.kind, n.label, n.label_en, m.surface, m.count, m.doc_id
            FROM nodes n JOIN mentions m ON m.node_id = n.id
            ORDER BY n.id, m.surface, m.doc_id
            """, []) { actors.append($0) }
        return actors.sorted { ($1.mentions, $0.id) < ($0.mentions, $1.id) }
    }

    /// Every edge in (source, relation, target) order, folded from its evidence one edge at a time.
    public func forEachEdge(minConfidence: Double = 0, since: String? = nil, until: String? = nil,
                            _ body: (GraphEdge) throws -> Void) throws {
        var current: (id: Int64, source: NodeID, relation: RelationType, target: NodeID)?
        var aggregate = EvidenceAggregate()
        var detail: [EvidenceDetail] = []
        func emit() throws {
            guard let edge = current else { return }
            let confidence = aggregate.confidence
            guard confidence >= minConfidence else { return }
            try body(GraphEdge(
                source: edge.source, relation: edge.relation, target: edge.target, weight: aggregate.weight,
                documents: aggregate.documents, firstSeen: aggregate.firstSeen, lastSeen: aggregate.lastSeen,
                evidence: aggregate.exampleSentence, confidence: confidence, evidenceDetail: detail))
        }
        try forEachRow("""
            SELECT e.id, e.source, e.relation, e.target, v.doc_id, v.sentence_index, v.confidence, v.date, v.sentence, v.hedged
            FROM edges e JOIN evidence v ON v.edge_id = e.id
            WHERE ($1::text IS NULL OR v.date >= $1) AND ($2::text IS NULL OR v.date <= $2)
            ORDER BY e.source, e.relation, e.target, v.doc_id, v.sentence_index
            """, [.text(since), .text(until)]) { row in
            let id = try row.int64(0)
            if current?.id != id {
                try emit()
                current = (id, NodeID(try row.string(1)), try relation(try row.string(2)), NodeID(try row.string(3)))
                aggregate = EvidenceAggregate()
                detail = []
            }
            let document = try row.string(4), sentenceIndex = try row.int(5), confidence = try row.double(6)
            let date = try row.optionalString(7)
            detail.append(EvidenceDetail(document: document, sentenceIndex: sentenceIndex, date: date,
                                         confidence: confidence, hedged: try row.bool(9)))
            let sentence = try row.string(8)
            aggregate.add(document: document, sentenceIndex: sentenceIndex, confidence: confidence, date: date,
                          sentence: { sentence })
        }
        try emit()
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
        struct Key: Hashable { var other: NodeID; var relation: RelationType }
        struct Merged { var aggregate = EvidenceAggregate(); var outgoing = false; var incoming = false }
        var merged: [Key: Merged] = [:]
        try forEachRow("""
            SELECT e.source, e.relation, e.target, v.doc_id, v.sentence_index, v.confidence, v.date
            FROM edges e JOIN evidence v ON v.edge_id = e.id
            WHERE (e.source = $1 OR e.target = $1)
              AND ($2::text IS NULL OR v.date >= $2) AND ($3::text IS NULL OR v.date <= $3)
            ORDER BY e.source, e.relation, e.target, v.doc_id, v.sentence_index
            """, [.text(id.rawValue), .text(since), .text(until)]) { row in
            guard let relation = RelationType(rawValue: try row.string(1)), relations.contains(relation) else { return }
            let source = NodeID(try row.string(0)), target = NodeID(try row.string(2))
            let outgoing = source == id
            let key = Key(other: outgoing ? target : source, relation: relation)
            var entry = merged[key] ?? Merged()
            if outgoing { entry.outgoing = true }
            if target == id { entry.incoming = true }
            entry.aggregate.add(document: try row.string(3), sentenceIndex: try row.int(4),
                                confidence: try row.double(5), date: try row.optionalString(6))
            merged[key] = entry
        }
        var neighbours: [Neighbour] = []
        for (key, entry) in merged {
            let confidence = entry.aggregate.confidence
            guard confidence >= minConfidence, let node = try node(key.other) else { continue }
            let direction: Neighbour.Direction =
                key.relation.isSymmetric || (entry.outgoing && entry.incoming) ? .both
                : entry.outgoing ? .outgoing : .incoming
            neighbours.append(Neighbour(
                node: node, relation: key.relation, direction: direction, weight: entry.aggregate.weight,
                documents: entry.aggregate.documents, confidence: confidence))
        }
        return neighbours.sorted {
            ($1.weight, $0.node.id, $0.relation.rawValue) < ($0.weight, $1.node.id, $1.relation.rawValue)
        }
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
        let checks: [(String, String)] = [
            ("evidence rows refer to a missing edge",
             "SELECT count(*) FROM evidence v WHERE NOT EXISTS (SELECT 1 FROM edges e WHERE e.id = v.edge_id)"),
            ("evidence rows refer to a missing document",
             "SELECT count(*) FROM evidence v WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = v.doc_id)"),
            ("evidence rows are duplicated (same edge, document and sentence)",
             "SELECT count(*) FROM (SELECT 1 FROM evidence GROUP BY edge_id, doc_id, sentence_index HAVING count(*) > 1) d"),
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
        var problems: [String] = []
        for (what, sql) in checks {
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

    /// Folds rows of (id, kind, label, label_en, surface?, count, document), ordered by id, into nodes.
    private func streamNodes(_ sql: String, _ values: [Value], cursor: Bool = true,
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
                current?.mentionDetail.append(MentionDetail(document: try row.string(6), surface: surface, count: count))
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
#endif
