import ActorGraphModel

extension SQLiteStore {
    /// Calls `body` with every node that has a mention or takes part in an edge, ordered by id.
    ///
    /// Rows are streamed from one statement: the store never holds the whole graph in memory.
    /// Do not write to the store from `body`.
    public func forEachNode(_ body: (GraphNode) throws -> Void) throws {
        try streamNodes(sql: Self.everyNodeSQL, bind: { _ in }, body)
    }

    /// The rows of `forEachNode`: answered from the `mentions_node` index alone (it holds the count).
    static let everyNodeSQL = """
        SELECT n.id, n.kind, n.label, n.label_en, m.surface, m.count, m.doc_id
        FROM nodes n LEFT JOIN mentions m ON m.node_id = n.id
        WHERE EXISTS (SELECT 1 FROM mentions WHERE node_id = n.id)
           OR EXISTS (SELECT 1 FROM edges WHERE source = n.id)
           OR EXISTS (SELECT 1 FROM edges WHERE target = n.id)
        ORDER BY n.id, m.surface, m.doc_id
        """

    /// Calls `body` with every node `forEachNode` gives, in the same order, with its aliases and mention
    /// count but without its `mentionDetail`: `body` gets instead a function that streams those rows
    /// (document, count, surface; in (surface, document) order) to the sink it is given. No node's rows
    /// are held in memory, however many documents mention it; `body` may call the function once.
    ///
    /// Two queries, both answered from the `mentions_node` index: the nodes with their surfaces and
    /// counts summed, then, for each node, its rows. Do not write to the store from `body`.
    /// The texts of a row are its UTF-8 bytes, valid during the call only.
    public func forEachNodeStreamingDetail(
        _ body: (GraphNode, _ rows: (_ row: (UnsafeBufferPointer<UInt8>, Int, UnsafeBufferPointer<UInt8>) throws -> Void) throws -> Void) throws -> Void
    ) throws {
        try streamNodes(sql: Self.everyNodeSummedSQL, bind: { _ in }, detail: false) { try emitStreamingDetail($0, body) }
    }

    /// The nodes of `forEachNodeStreamingDetail` among `ids` (sorted by UTF-8 bytes), each read on
    /// its own (`oneNodeSummedSQL`, the same rows): the few nodes a filter keeps, without summing
    /// every node's mention rows (21M of them in a store built from a million documents).
    public func forEachNodeStreamingDetail(
        _ ids: [NodeID],
        _ body: (GraphNode, _ rows: (_ row: (UnsafeBufferPointer<UInt8>, Int, UnsafeBufferPointer<UInt8>) throws -> Void) throws -> Void) throws -> Void
    ) throws {
        for id in ids {
            try streamNodes(sql: Self.oneNodeSummedSQL, bind: { try $0.bind(id.rawValue, at: 1) }, detail: false) {
                try emitStreamingDetail($0, body)
            }
        }
    }

    /// Calls `body` with the node and the function that streams its mention rows.
    private func emitStreamingDetail(
        _ node: GraphNode,
        _ body: (GraphNode, _ rows: (_ row: (UnsafeBufferPointer<UInt8>, Int, UnsafeBufferPointer<UInt8>) throws -> Void) throws -> Void) throws -> Void
    ) throws {
        @inline(__always) func bytes(_ raw: UnsafeRawBufferPointer) -> UnsafeBufferPointer<UInt8> {
            UnsafeBufferPointer(start: raw.baseAddress?.assumingMemoryBound(to: UInt8.self), count: raw.count)
        }
        try body(node) { row in
            guard !node.aliases.isEmpty else { return }   // no mention row
            try database.withStatement("SELECT doc_id, count, surface FROM mentions WHERE node_id = ? ORDER BY surface, doc_id") {
                statement in
                try statement.bind(node.id.rawValue, at: 1)
                while try statement.step() { try row(bytes(statement.text(0)), statement.int(1), bytes(statement.text(2))) }
            }
        }
    }

    /// The rows of `everyNodeSummedSQL` for one node, `?1`.
    static let oneNodeSummedSQL = """
        SELECT n.id, n.kind, n.label, n.label_en, m.surface, sum(m.count)
        FROM nodes n LEFT JOIN mentions m ON m.node_id = n.id
        WHERE n.id = ?1
          AND (EXISTS (SELECT 1 FROM mentions WHERE node_id = n.id)
               OR EXISTS (SELECT 1 FROM edges WHERE source = n.id)
               OR EXISTS (SELECT 1 FROM edges WHERE target = n.id))
        GROUP BY n.id, m.surface
        ORDER BY n.id, m.surface
        """

    /// The nodes of `forEachNode` with each surface once and its counts summed.
    static let everyNodeSummedSQL = """
        SELECT n.id, n.kind, n.label, n.label_en, m.surface, sum(m.count)
        FROM nodes n LEFT JOIN mentions m ON m.node_id = n.id
        WHERE EXISTS (SELECT 1 FROM mentions WHERE node_id = n.id)
           OR EXISTS (SELECT 1 FROM edges WHERE source = n.id)
           OR EXISTS (SELECT 1 FROM edges WHERE target = n.id)
        GROUP BY n.id, m.surface
        ORDER BY n.id, m.surface
        """

    /// The node with this id, with its aliases and mention count, or `nil` when the store lacks it.
    public func node(_ id: NodeID) throws -> GraphNode? {
        var found: GraphNode?
        try streamNodes(sql: """
            SELECT n.id, n.kind, n.label, n.label_en, m.surface, m.count, m.doc_id
            FROM nodes n LEFT JOIN mentions m ON m.node_id = n.id
            WHERE n.id = ?
            ORDER BY n.id, m.surface, m.doc_id
            """, bind: { try $0.bind(id.rawValue, at: 1) }) { found = $0 }
        return found
    }

    /// The node's id, names and kind (no aliases, mention count or detail), or `nil` when the store lacks it.
    public func nodeRecord(_ id: NodeID) throws -> GraphNode? {
        try database.withStatement("SELECT id, kind, label, label_en FROM nodes WHERE id = ?") { statement in
            try statement.bind(id.rawValue, at: 1)
            guard try statement.step() else { return nil }
            return GraphNode(id: NodeID(statement.string(0)), label: statement.string(2), labelEn: statement.string(3),
                             kind: NodeKind(rawValue: statement.string(1)) ?? .other, aliases: [], mentions: 0)
        }
    }

    /// Every node with at least one mention, most mentioned first (ties by id), with its aliases and
    /// mention count but no `mentionDetail` (a store of a million documents has some twenty million
    /// mention rows: held as detail they took 2 GB and 22 s).
    public func actors() throws -> [GraphNode] {
        var actors: [GraphNode] = []
        try streamNodes(sql: """
            SELECT n.id, n.kind, n.label, n.label_en, m.surface, sum(m.count)
            FROM nodes n JOIN mentions m ON m.node_id = n.id
            GROUP BY n.id, m.surface
            ORDER BY n.id, m.surface
            """, bind: { _ in }, detail: false) { actors.append($0) }
        return actors.sorted { ($1.mentions, $0.id) < ($0.mentions, $1.id) }
    }

    /// Calls `body` with every edge, ordered by (source, relation, target), aggregated from its evidence.
    ///
    /// - Parameters:
    ///   - minConfidence: skip edges whose aggregated confidence is below this.
    ///   - since, until: count only evidence dated within these days (`YYYY-MM-DD`, inclusive);
    ///     with either given, undated evidence is left out.
    ///
    /// Evidence rows are streamed in edge order and folded one edge at a time, so a graph of a
    /// million edges never sits in memory. Do not write to the store from `body`.
    public func forEachEdge(minConfidence: Double = 0, since: String? = nil, until: String? = nil,
                            _ body: (GraphEdge) throws -> Void) throws {
        try database.withStatement("""
            SELECT e.id, e.source, e.relation, e.target, v.doc_id, v.sentence_index, v.confidence, v.date, v.sentence, v.hedged
            FROM edges e JOIN evidence v ON v.edge_id = e.id
            WHERE (?1 IS NULL OR v.date >= ?1) AND (?2 IS NULL OR v.date <= ?2)
            ORDER BY e.source, e.relation, e.target, v.doc_id, v.sentence_index
            """) { statement in
            try statement.bind(since, at: 1)
            try statement.bind(until, at: 2)
            var fold = EdgeFold(minConfidence: minConfidence)
            while try statement.step() {
                if let edge = try fold.add(
                    edge: statement.int64(0),
                    endpoints: { (NodeID(statement.string(1)), try relation(statement.string(2)), NodeID(statement.string(3))) },
                    document: statement.string(4), sentenceIndex: statement.int(5), confidence: statement.double(6),
                    date: statement.optionalString(7), hedged: statement.bool(9), sentence: { statement.string(8) }) {
                    try body(edge)
                }
            }
            if let edge = fold.finish() { try body(edge) }
        }
    }

    /// The edges of `keys` (distinct, in export order), each read on its own through the edges'
    /// unique index and its evidence through `evidence_edge`: what `forEachEdge` gives for them.
    public func forEachEdge(_ keys: [GraphSelection.EdgeKey], minConfidence: Double = 0, since: String? = nil,
                            until: String? = nil, _ body: (GraphEdge) throws -> Void) throws {
        try database.withStatement("""
            SELECT e.id, v.doc_id, v.sentence_index, v.confidence, v.date, v.sentence, v.hedged
            FROM edges e JOIN evidence v ON v.edge_id = e.id
            WHERE e.source = ?1 AND e.relation = ?2 AND e.target = ?3
              AND (?4 IS NULL OR v.date >= ?4) AND (?5 IS NULL OR v.date <= ?5)
            ORDER BY v.doc_id, v.sentence_index
            """) { statement in
            var fold = EdgeFold(minConfidence: minConfidence)
            for key in keys {
                try statement.bind(key.source.rawValue, at: 1)
                try statement.bind(key.relation.rawValue, at: 2)
                try statement.bind(key.target.rawValue, at: 3)
                try statement.bind(since, at: 4)
                try statement.bind(until, at: 5)
                while try statement.step() {
                    if let edge = try fold.add(
                        edge: statement.int64(0), endpoints: { (key.source, key.relation, key.target) },
                        document: statement.string(1), sentenceIndex: statement.int(2), confidence: statement.double(3),
                        date: statement.optionalString(4), hedged: statement.bool(6), sentence: { statement.string(5) }) {
                        try body(edge)
                    }
                }
                statement.reset()
            }
            if let edge = fold.finish() { try body(edge) }
        }
    }

    /// Decodes a stored relation name.
    func relation(_ rawValue: String) throws -> RelationType {
        guard let relation = RelationType(rawValue: rawValue) else {
            throw StoreError("unknown relation `\(rawValue)`; the store was written by a newer actorgraph", path: path)
        }
        return relation
    }

    /// Streams rows of (id, kind, label, label_en, surface?, count, document) ordered by id and folds them into
    /// nodes; without `detail`, rows of one surface each with its count summed, and no document.
    private func streamNodes(sql: String, bind: (Statement) throws -> Void, detail: Bool = true,
                             _ body: (GraphNode) throws -> Void) throws {
        try database.withStatement(text: sql) { statement in
            try bind(statement)
            var current: GraphNode?
            while try statement.step() {
                let id = NodeID(statement.string(0))
                if current?.id != id {
                    if let current { try body(current) }
                    current = GraphNode(
                        id: id, label: statement.string(2), labelEn: statement.string(3),
                        kind: NodeKind(rawValue: statement.string(1)) ?? .other, aliases: [], mentions: 0)
                }
                if !statement.isNull(4) {
                    let surface = statement.string(4), count = statement.int(5)
                    if current?.aliases.last != surface { current?.aliases.append(surface) }
                    current?.mentions += count
                    if detail { current?.mentionDetail.append(MentionDetail(document: statement.string(6), surface: surface, count: count)) }
                }
            }
            if let current { try body(current) }
        }
    }
}

extension SQLiteStore {
    /// Up to `limit` evidence sentences in which the node takes part, with their documents,
    /// for showing an analyst what a newly found actor is.
    public func exampleSentences(of id: NodeID, limit: Int = 2) throws -> [(document: String, sentence: String)] {
        var out: [(String, String)] = []
        try database.withStatement("""
            SELECT v.doc_id, v.sentence FROM evidence v JOIN edges e ON e.id = v.edge_id
            WHERE e.source = ?1 OR e.target = ?1
            ORDER BY v.doc_id, v.sentence_index LIMIT ?2
            """) { statement in
            try statement.bind(id.rawValue, at: 1)
            try statement.bind(limit, at: 2)
            while try statement.step() { out.append((statement.string(0), statement.string(1))) }
        }
        return out
    }

    /// The documents that mention the node, sorted.
    public func documents(mentioning id: NodeID) throws -> [String] {
        var out: [String] = []
        try database.withStatement("SELECT DISTINCT doc_id FROM mentions WHERE node_id = ? ORDER BY doc_id") { statement in
            try statement.bind(id.rawValue, at: 1)
            while try statement.step() { out.append(statement.string(0)) }
        }
        return out
    }
}
