#if PostgreSQL
import ActorGraphModel
import Foundation
import GraphStore

extension PostgresStore {
    /// Merges a graph read from GraphML into the store, in one transaction, as `SQLiteStore.importGraph`
    /// does: nodes by id, evidence and mentions per (document, sentence) and (document, surface), a
    /// document the store already held skipped, new documents recorded with the hash `imported:…`.
    public func importGraph(_ read: (_ node: (GraphNode) throws -> Void, _ edge: (GraphEdge) throws -> Void) throws -> Void) throws -> ImportSummary {
        guard !isReadOnly else { throw StoreError("the store was opened read-only", path: location) }
        let token = "imported:" + UUID().uuidString
        return try transaction {
            var summary = ImportSummary()
            var accepted: [String: Bool] = [:]

            func accept(_ document: String) throws -> Bool {
                if let known = accepted[document] { return known }
                try execute("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [.text(document)])
                let inserted = try execute(
                    "INSERT INTO documents(id, hash) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING",
                    [.text(document), .text(token)]) > 0
                if inserted { summary.documentsAdded += 1 } else { summary.documentsAlreadyKnown += 1 }
                accepted[document] = inserted
                return inserted
            }

            func node(_ node: GraphNode) throws {
                let existed = try nodeExists(node.id)
                try execute("""
                    INSERT INTO nodes(id, kind, label, label_en) VALUES ($1, $2, $3, $4)
                    ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, label = excluded.label, label_en = excluded.label_en
                    WHERE nodes.kind = 'other' AND excluded.kind <> 'other'
                    """, [.text(node.id.rawValue), .text(node.kind.rawValue), .text(node.label), .text(node.labelEn)])
                if !existed { summary.nodesAdded += 1 }
                for row in node.mentionDetail where try accept(row.document) {
                    summary.mentionsAdded += try execute("""
                        INSERT INTO mentions(doc_id, node_id, surface, count) VALUES ($1, $2, $3, $4)
                        ON CONFLICT DO NOTHING
                        """, [.text(row.document), .text(node.id.rawValue), .text(row.surface), .int(row.count)])
                }
            }

            func edge(_ edge: GraphEdge) throws {
                guard !edge.evidenceDetail.isEmpty else {
                    throw InputError("edge \(edge.id) has no evidence_detail, so its weight cannot be merged without "
                        + "counting documents twice; export the graph again with this actorgraph")
                }
                for end in [edge.source, edge.target] where try !nodeExists(end) {
                    try execute("INSERT INTO nodes(id, kind, label, label_en) VALUES ($1, 'other', $1, $1) ON CONFLICT DO NOTHING",
                                [.text(end.rawValue)])
                    summary.nodesAdded += 1
                }
                let columns: [Value] = [.text(edge.source.rawValue), .text(edge.relation.rawValue), .text(edge.target.rawValue)]
                let created = try execute(
                    "INSERT INTO edges(source, relation, target) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING", columns) > 0
                if created { summary.edgesAdded += 1 }
                let edgeID = try queryOne("SELECT id FROM edges WHERE source = $1 AND relation = $2 AND target = $3", columns).int64(0)
                let example = edge.evidenceDetail.min {
                    ($0.confidence, $1.document, $1.sentenceIndex) > ($1.confidence, $0.document, $0.sentenceIndex)
                }
                for row in edge.evidenceDetail where try accept(row.document) {
                    summary.evidenceAdded += try execute("""
                        INSERT INTO evidence(edge_id, doc_id, sentence_index, sentence_start, sentence_end, sentence,
                                             trigger, frame, confidence, hedged, date)
                        VALUES ($1, $2, $3, 0, 0, $4, '', 'imported', $5, $6, $7)
                        ON CONFLICT DO NOTHING
                        """, [.int(Int(edgeID)), .text(row.document), .int(row.sentenceIndex),
                              .text(row == example ? edge.evidence : ""), .double(row.confidence), .bool(row.hedged),
                              .text(row.date)])
                }
            }

            try read(node, edge)
            try execute("DELETE FROM edges WHERE NOT EXISTS (SELECT 1 FROM evidence WHERE edge_id = edges.id)")
            return summary
        }
    }

    private func nodeExists(_ id: NodeID) throws -> Bool {
        try !query("SELECT 1 FROM nodes WHERE id = $1", [.text(id.rawValue)]).isEmpty
    }
}
#endif
