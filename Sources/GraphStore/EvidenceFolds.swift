import ActorGraphModel

/// Folds evidence rows streamed in edge order into one `GraphEdge` per edge. Every backend's
/// `forEachEdge` feeds it the rows of the same query shape, so the edges come out alike.
public struct EdgeFold {
    private let minConfidence: Double
    private var current: (id: Int64, source: NodeID, relation: RelationType, target: NodeID)?
    private var aggregate = EvidenceAggregate()
    private var detail: [EvidenceDetail] = []

    public init(minConfidence: Double) { self.minConfidence = minConfidence }

    /// Adds one evidence row of edge `id`. When the row starts a new edge, returns the edge it
    /// finished (nil when there was none, or when its confidence is below the minimum).
    /// `endpoints` is read only for the first row of an edge, `sentence` only when it becomes the example.
    public mutating func add(edge id: Int64, endpoints: () throws -> (NodeID, RelationType, NodeID),
                             document: String, sentenceIndex: Int, confidence: Double, date: String?, hedged: Bool,
                             sentence: () -> String) throws -> GraphEdge? {
        var finished: GraphEdge?
        if current?.id != id {
            finished = finish()
            let (source, relation, target) = try endpoints()
            current = (id, source, relation, target)
        }
        detail.append(EvidenceDetail(document: document, sentenceIndex: sentenceIndex, date: date,
                                     confidence: confidence, hedged: hedged))
        aggregate.add(document: document, sentenceIndex: sentenceIndex, confidence: confidence, date: date,
                      sentence: sentence)
        return finished
    }

    /// The last edge, once the rows are done (nil as in `add`).
    public mutating func finish() -> GraphEdge? {
        defer { current = nil; aggregate = EvidenceAggregate(); detail = [] }
        guard let edge = current else { return nil }
        let confidence = aggregate.confidence
        guard confidence >= minConfidence else { return nil }
        return GraphEdge(
            source: edge.source, relation: edge.relation, target: edge.target, weight: aggregate.weight,
            documents: aggregate.documents, firstSeen: aggregate.firstSeen, lastSeen: aggregate.lastSeen,
            evidence: aggregate.exampleSentence, confidence: confidence, evidenceDetail: detail)
    }
}

/// Merges the evidence of one actor's edges, in both directions, per neighbour and relation.
public struct NeighbourFold {
    private struct Key: Hashable { var other: NodeID; var relation: RelationType }
    private struct Merged {
        var aggregate = EvidenceAggregate(), outgoing = false, incoming = false
        mutating func add(outgoing: Bool, incoming: Bool, document: String, sentenceIndex: Int, confidence: Double, date: String?) {
            if outgoing { self.outgoing = true }
            if incoming { self.incoming = true }
            aggregate.add(document: document, sentenceIndex: sentenceIndex, confidence: confidence, date: date)
        }
    }
    private let id: NodeID
    private var merged: [Key: Merged] = [:]

    public init(of id: NodeID) { self.id = id }

    /// Adds one evidence row of an edge that touches the actor.
    public mutating func add(source: NodeID, relation: RelationType, target: NodeID, document: String,
                             sentenceIndex: Int, confidence: Double, date: String?) {
        let outgoing = source == id
        let key = Key(other: outgoing ? target : source, relation: relation)
        // In place: an entry taken out of the table and put back copied its documents at every row
        // (the neighbours of an actor named in a million documents took minutes).
        merged[key, default: Merged()].add(outgoing: outgoing, incoming: target == id, document: document,
                                           sentenceIndex: sentenceIndex, confidence: confidence, date: date)
    }

    /// The neighbours at or above `minConfidence`, strongest first (weight descending, then id);
    /// `node` looks a neighbour up in the store.
    public func neighbours(minConfidence: Double, node: (NodeID) throws -> GraphNode?) rethrows -> [Neighbour] {
        var neighbours: [Neighbour] = []
        for (key, entry) in merged {
            let (documents, confidence) = entry.aggregate.documentsAndConfidence
            guard confidence >= minConfidence, let node = try node(key.other) else { continue }
            let direction: Neighbour.Direction =
                key.relation.isSymmetric || (entry.outgoing && entry.incoming) ? .both
                : entry.outgoing ? .outgoing : .incoming
            neighbours.append(Neighbour(
                node: node, relation: key.relation, direction: direction, weight: entry.aggregate.weight,
                documents: documents, confidence: confidence))
        }
        return neighbours.sorted {
            ($1.weight, $0.node.id, $0.relation.rawValue) < ($0.weight, $1.node.id, $1.relation.rawValue)
        }
    }
}

/// The orphan checks every backend runs: SQL that counts rows which lost what they refer to.
/// Portable between SQLite and PostgreSQL; each backend adds its own engine-level checks.
public let orphanChecks: [(what: String, sql: String)] = [
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
    // Grouped in the order of `mentions_node` (node, surface, document): read in order, not sorted.
    ("mention rows are duplicated (same document, node and surface)",
     "SELECT count(*) FROM (SELECT 1 FROM mentions GROUP BY node_id, surface, doc_id HAVING count(*) > 1) d"),
]

extension Extraction {
    /// Whether `relations` are canonical, with one per edge and sentence (compared pairwise, in place).
    static func areEvidence(_ relations: [Relation]) -> Bool {
        for i in relations.indices {
            guard relations[i].isCanonical else { return false }
            for j in 0..<i where relations[j].sentence == relations[i].sentence && relations[j].type == relations[i].type
                && relations[j].source == relations[i].source && relations[j].target == relations[i].target {
                return false
            }
        }
        return true
    }

    /// The relations to store as evidence: canonical (symmetric relations in id order), one per
    /// edge and sentence, keeping the most confident reading, in the order first seen.
    public var evidenceRelations: [Relation] {
        // A document's few relations: compared pairwise rather than hashed (same result, in the same order).
        if relations.count <= 32 {
            // The extractor's relations are that already: returned as they are, not copied.
            if Self.areEvidence(relations) { return relations }
            var kept: [Relation] = []
            kept.reserveCapacity(relations.count)
            for relation in relations.map(\.canonical) {
                if let k = kept.firstIndex(where: {
                    $0.sentence == relation.sentence && $0.type == relation.type && $0.source == relation.source && $0.target == relation.target
                }) {
                    if relation.confidence > kept[k].confidence { kept[k] = relation }
                } else {
                    kept.append(relation)
                }
            }
            return kept
        }
        struct Key: Hashable { var source: NodeID; var type: RelationType; var target: NodeID; var sentence: Int }
        var order: [Key] = []
        var strongest: [Key: Relation] = [:]
        for relation in relations.map(\.canonical) {
            let key = Key(source: relation.source, type: relation.type, target: relation.target, sentence: relation.sentence)
            if let kept = strongest[key] {
                if relation.confidence > kept.confidence { strongest[key] = relation }
            } else {
                order.append(key)
                strongest[key] = relation
            }
        }
        return order.map { strongest[$0]! }
    }
}
