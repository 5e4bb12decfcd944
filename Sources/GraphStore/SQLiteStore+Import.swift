import ActorGraphModel
import Foundation

/// What one `importGraph` added.
public struct ImportSummary: Sendable, Equatable {
    public var nodesAdded = 0
    public var edgesAdded = 0
    public var documentsAdded = 0
    public var evidenceAdded = 0
    public var mentionsAdded = 0
    /// Documents the store already held: their rows in the file were skipped, not counted twice.
    public var documentsAlreadyKnown = 0
    public init() {}
}

extension SQLiteStore {
    /// Merges a graph (read from GraphML) into the store, in one transaction: all of it or none.
    ///
    /// `read` is called once with a node and an edge sink, as `GraphMLReader.read` takes them, so the
    /// file is streamed. Nodes merge by id (a node the store has keeps its label and kind, unless it was
    /// only a placeholder of kind `other`). Evidence and mentions come from the `evidence_detail` and
    /// `mention_detail` rows, one per (document, sentence) and (document, surface form): a document the
    /// store already held before the import is taken to be the same document, and its rows in the file
    /// are skipped — so a document built on both machines is counted once. Documents new to the store are
    /// recorded with the hash `imported:…`; building the real text later replaces their imported evidence.
    ///
    /// - Throws: `InputError` for an edge without `evidence_detail` (its weight could not be merged
    ///   exactly), a rethrown error of `read`, or `StoreError`. The store is then left as it was.
    public func importGraph(_ read: (_ node: (GraphNode) throws -> Void, _ edge: (GraphEdge) throws -> Void) throws -> Void) throws -> ImportSummary {
        guard !isReadOnly else { throw StoreError("the store was opened read-only", path: path) }
        let token = "imported:" + UUID().uuidString
        knownNodes.forget()   // an import may change node rows an ingest wrote
        try database.enforceForeignKeys()   // the file's rows are checked against their parents
        return try database.transaction {
            var summary = ImportSummary()
            /// Whether rows of a document are taken: true when this import added the document.
            var accepted: [String: Bool] = [:]

            func accept(_ document: String) throws -> Bool {
                if let known = accepted[document] { return known }
                let inserted = try database.withStatement("""
                    INSERT INTO documents(id, hash, date, source, title, added_at)
                    VALUES (?1, ?2, NULL, NULL, NULL, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
                    ON CONFLICT(id) DO NOTHING
                    """) { statement -> Bool in
                    try statement.bind(document, at: 1)
                    try statement.bind(token, at: 2)
                    try statement.run()
                    return database.changes > 0
                }
                if inserted { summary.documentsAdded += 1 } else { summary.documentsAlreadyKnown += 1 }
                accepted[document] = inserted
                return inserted
            }

            func node(_ node: GraphNode) throws {
                let added = try database.withStatement("""
                    INSERT INTO nodes(id, kind, label, label_en) VALUES (?1, ?2, ?3, ?4)
                    ON CONFLICT(id) DO UPDATE SET kind = excluded.kind, label = excluded.label, label_en = excluded.label_en
                    WHERE nodes.kind = 'other' AND excluded.kind <> 'other'
                    """) { statement -> Bool in
                    try statement.bind(node.id.rawValue, at: 1)
                    try statement.bind(node.kind.rawValue, at: 2)
                    try statement.bind(node.label, at: 3)
                    try statement.bind(node.labelEn, at: 4)
                    let before = try nodeExists(node.id)
                    try statement.run()
                    return !before
                }
                if added { summary.nodesAdded += 1 }
                for row in node.mentionDetail where try accept(row.document) {
                    // One row per (document, node, surface): a row the file repeats is added once
                    // (found by `mentions_node`, which a store open for writing has).
                    try database.withStatement("""
                        INSERT INTO mentions(doc_id, node_id, surface, count) SELECT ?1, ?2, ?3, ?4
                        WHERE NOT EXISTS (SELECT 1 FROM mentions WHERE node_id = ?2 AND surface = ?3 AND doc_id = ?1)
                        """) { statement in
                        try statement.bind(row.document, at: 1)
                        try statement.bind(node.id.rawValue, at: 2)
                        try statement.bind(row.surface, at: 3)
                        try statement.bind(row.count, at: 4)
                        try statement.run()
                        summary.mentionsAdded += database.changes
                    }
                }
            }

            func edge(_ edge: GraphEdge) throws {
                guard !edge.evidenceDetail.isEmpty else {
                    throw InputError("edge \(edge.id) has no evidence_detail, so its weight cannot be merged without "
                        + "counting documents twice; export the graph again with this actorgraph")
                }
                for end in [edge.source, edge.target] where try !nodeExists(end) {
                    try database.withStatement("INSERT INTO nodes(id, kind, label, label_en) VALUES (?, 'other', ?, ?)") { statement in
                        try statement.bind(end.rawValue, at: 1)
                        try statement.bind(end.rawValue, at: 2)
                        try statement.bind(end.rawValue, at: 3)
                        try statement.run()
                    }
                    summary.nodesAdded += 1
                }
                let (edgeID, created) = try findOrCreateEdge(edge.source, edge.relation, edge.target)
                if created { summary.edgesAdded += 1 }
                // The example sentence belongs to the row the aggregate picks: highest confidence, then (document, sentence).
                let example = edge.evidenceDetail.min {
                    ($0.confidence, $1.document, $1.sentenceIndex) > ($1.confidence, $0.document, $0.sentenceIndex)
                }
                for row in edge.evidenceDetail where try accept(row.document) {
                    try database.withStatement("""
                        INSERT INTO evidence(edge_id, doc_id, sentence_index, sentence_start, sentence_end, sentence,
                                             trigger, frame, confidence, hedged, date)
                        SELECT ?1, ?2, ?3, 0, 0, ?4, '', 'imported', ?5, ?6, ?7
                        WHERE NOT EXISTS (SELECT 1 FROM evidence WHERE edge_id = ?1 AND doc_id = ?2 AND sentence_index = ?3)
                        """) { statement in
                        try statement.bind(edgeID, at: 1)
                        try statement.bind(row.document, at: 2)
                        try statement.bind(row.sentenceIndex, at: 3)
                        try statement.bind(row == example ? edge.evidence : "", at: 4)
                        try statement.bind(row.confidence, at: 5)
                        try statement.bind(row.hedged, at: 6)
                        try statement.bind(row.date, at: 7)
                        try statement.run()
                        summary.evidenceAdded += database.changes
                    }
                }
            }

            try read(node, edge)
            // An edge whose every document the store already had gains no evidence: drop it if it was new.
            try database.execute("DELETE FROM edges WHERE NOT EXISTS (SELECT 1 FROM evidence WHERE edge_id = edges.id)")
            return summary
        }
    }

    private func nodeExists(_ id: NodeID) throws -> Bool {
        try database.withStatement("SELECT 1 FROM nodes WHERE id = ?") { statement in
            try statement.bind(id.rawValue, at: 1)
            return try statement.step()
        }
    }

    /// The id of the edge (source, relation, target), and whether it was created now.
    ///
    /// Ids found or made while an ingest batch runs are kept (`KnownNodes`): most evidence is of edges
    /// already seen, and looking each up cost the writer about a sixth of its instructions.
    func findOrCreateEdge(_ source: NodeID, _ relation: RelationType, _ target: NodeID) throws -> (Int64, Bool) {
        let key = EdgeKey(source: source, relation: relation, target: target)
        if let known = knownNodes.edge(key) { return (known, false) }
        let (id, created) = knownNodes.knowsEveryEdge
            ? (try createEdge(source, relation, target), true)
            : try lookUpOrCreateEdge(source, relation, target)
        knownNodes.edge(key, is: id)
        return (id, created)
    }

    private func lookUpOrCreateEdge(_ source: NodeID, _ relation: RelationType, _ target: NodeID) throws -> (Int64, Bool) {
        let existing = try database.withStatement(
            "SELECT id FROM edges WHERE source = ? AND relation = ? AND target = ?"
        ) { statement -> Int64? in
            try statement.bind(source.rawValue, at: 1)
            try statement.bind(relation.rawValue, at: 2)
            try statement.bind(target.rawValue, at: 3)
            return try statement.step() ? statement.int64(0) : nil
        }
        if let existing { return (existing, false) }
        return (try createEdge(source, relation, target), true)
    }

    private func createEdge(_ source: NodeID, _ relation: RelationType, _ target: NodeID) throws -> Int64 {
        try database.withStatement("INSERT INTO edges(source, relation, target) VALUES (?, ?, ?)") { statement in
            try statement.bind(source.rawValue, at: 1)
            try statement.bind(relation.rawValue, at: 2)
            try statement.bind(target.rawValue, at: 3)
            try statement.run()
            return database.lastInsertRowID
        }
    }
}
