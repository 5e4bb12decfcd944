import ActorGraphModel

/// What every graph store answers: the queries, the export streams and the integrity check.
///
/// Two backends conform: `SQLiteStore` (one file, one machine) and `PostgresStore` (one server that
/// several machines write into, in the `PostgresStore` module, built with the `PostgreSQL` trait).
/// Both keep the same tables under the same named migrations, and one conformance suite
/// (`Tests/GraphStoreTests/ConformanceTests.swift`) runs against each.
///
/// A store is used from one thread; stores are deliberately not `Sendable`.
public protocol GraphStoreReader: AnyObject {
    /// Where the store is: a file path, or a server URL without its password.
    var location: String { get }
    /// How many documents, nodes, edges and evidence rows the store holds.
    func counts() throws -> StoreCounts
    /// Names of the migrations applied to this store, in order.
    func appliedMigrations() throws -> [String]
    /// The content hash stored for a document, or nil when the store does not hold it.
    func storedHash(ofDocument id: String) throws -> String?
    /// Calls `body` with every node that has a mention or takes part in an edge, ordered by id, streaming.
    func forEachNode(_ body: (GraphNode) throws -> Void) throws
    /// The nodes of `forEachNode`, in its order, with aliases and mention counts but without
    /// `mentionDetail`: `body` gets instead a function that streams a node's mention rows (document,
    /// count, surface as UTF-8 bytes valid during the call; in (surface, document) order), so that no
    /// node's rows are held in memory however many documents name it. `body` may call it once.
    func forEachNodeStreamingDetail(
        _ body: (GraphNode, _ rows: (_ row: (UnsafeBufferPointer<UInt8>, Int, UnsafeBufferPointer<UInt8>) throws -> Void) throws -> Void) throws -> Void
    ) throws
    /// The nodes of `forEachNodeStreamingDetail` whose ids are among `ids` (sorted as the store
    /// orders ids, by UTF-8 bytes), as it gives them, reading only theirs: a few nodes of a large store.
    func forEachNodeStreamingDetail(
        _ ids: [NodeID],
        _ body: (GraphNode, _ rows: (_ row: (UnsafeBufferPointer<UInt8>, Int, UnsafeBufferPointer<UInt8>) throws -> Void) throws -> Void) throws -> Void
    ) throws
    /// The node with this id, with its aliases and mention count, or `nil` when the store lacks it.
    func node(_ id: NodeID) throws -> GraphNode?
    /// The node's record alone: id, names and kind, without aliases, mention count or detail (read
    /// from the node table only: `node` reads every mention row, a million for an actor that a
    /// million documents name), or `nil` when the store lacks it. What a query prints of a node.
    func nodeRecord(_ id: NodeID) throws -> GraphNode?
    /// Every node with at least one mention, most mentioned first (ties by id), with aliases and
    /// mention counts but without `mentionDetail`.
    func actors() throws -> [GraphNode]
    /// Calls `body` with every edge, ordered by (source, relation, target), aggregated from its evidence, streaming.
    func forEachEdge(minConfidence: Double, since: String?, until: String?, _ body: (GraphEdge) throws -> Void) throws
    /// Calls `body` with the edges `keys` names, as `forEachEdge` gives them (same order, same
    /// aggregate), reading only their evidence: a selection of a few edges of a large store.
    /// `keys` are distinct and sorted in that order (`GraphSelection.sortedEdgeKeys`).
    func forEachEdge(_ keys: [GraphSelection.EdgeKey], minConfidence: Double, since: String?, until: String?,
                     _ body: (GraphEdge) throws -> Void) throws
    /// Calls `body` with every edge's weight and confidence, counted as `forEachEdge(since:until:)`
    /// counts them (an edge without evidence in the window is left out), in no particular order: the
    /// aggregate alone, without the evidence text (what choosing part of the graph needs).
    func forEachEdgeWeight(since: String?, until: String?,
                           _ body: (_ source: NodeID, _ relation: RelationType, _ target: NodeID, _ weight: Int, _ confidence: Double) throws -> Void) throws
    /// Calls `body` with the weight and confidence of every edge with an end among `nodes`, each
    /// edge once, counted as `forEachEdgeWeight(since:until:)` counts them, in no particular order.
    func forEachEdgeWeight(touching nodes: [NodeID], since: String?, until: String?,
                           _ body: (_ source: NodeID, _ relation: RelationType, _ target: NodeID, _ weight: Int, _ confidence: Double) throws -> Void) throws
    /// Whether `forEachEdgeWeight(touching:)` reads those edges alone (then an ego's neighbourhood is
    /// found by walking out from it), not every edge.
    var readsEdgesByNode: Bool { get }
    /// Up to `limit` evidence sentences in which the node takes part, with their documents.
    func exampleSentences(of id: NodeID, limit: Int) throws -> [(document: String, sentence: String)]
    /// The documents that mention the node, sorted.
    func documents(mentioning id: NodeID) throws -> [String]
    /// The nodes joined to `id` by any of `relations`, in either direction, strongest first; each
    /// neighbour's `node` is its `nodeRecord`.
    func neighbours(of id: NodeID, relations: Set<RelationType>, minConfidence: Double,
                    since: String?, until: String?) throws -> [Neighbour]
    /// Every evidence row of the edges between `a` and `b`, in either direction.
    func evidence(between a: NodeID, and b: NodeID) throws -> [EvidenceRow]
    /// Checks the store; one line per problem, empty when healthy.
    func check() throws -> [String]
}

/// A store that also takes documents and merged graphs.
public protocol GraphStoreWriter: GraphStoreReader {
    /// Adds a batch of extractions in one transaction: all of it, or (on any error) none of it.
    /// A document stored with the same text is skipped; a changed one replaces its old evidence.
    func ingest(_ batch: [Extraction]) throws -> IngestSummary
    /// Runs `body` in one transaction (nested calls are savepoints).
    func transaction<T>(_ body: () throws -> T) throws -> T
    /// Merges a graph read from GraphML into the store, in one transaction.
    func importGraph(_ read: (_ node: (GraphNode) throws -> Void, _ edge: (GraphEdge) throws -> Void) throws -> Void) throws -> ImportSummary
}

extension GraphStoreReader {
    /// The edges touching `nodes`, from every edge (a backend without a faster way).
    public func forEachEdgeWeight(touching nodes: [NodeID], since: String?, until: String?,
                                  _ body: (_ source: NodeID, _ relation: RelationType, _ target: NodeID, _ weight: Int, _ confidence: Double) throws -> Void) throws {
        let wanted = Set(nodes)
        try forEachEdgeWeight(since: since, until: until) { source, relation, target, weight, confidence in
            if wanted.contains(source) || wanted.contains(target) { try body(source, relation, target, weight, confidence) }
        }
    }

    public var readsEdgesByNode: Bool { false }

    /// The nodes of `ids`, from every node (a backend without a faster way).
    public func forEachNodeStreamingDetail(
        _ ids: [NodeID],
        _ body: (GraphNode, _ rows: (_ row: (UnsafeBufferPointer<UInt8>, Int, UnsafeBufferPointer<UInt8>) throws -> Void) throws -> Void) throws -> Void
    ) throws {
        let wanted = Set(ids)
        try forEachNodeStreamingDetail { node, rows in
            if wanted.contains(node.id) { try withoutActuallyEscaping(rows) { try body(node, $0) } }
        }
    }

    /// The edges of `keys`, from every edge (a backend without a faster way).
    public func forEachEdge(_ keys: [GraphSelection.EdgeKey], minConfidence: Double, since: String?, until: String?,
                            _ body: (GraphEdge) throws -> Void) throws {
        let wanted = Set(keys)
        try forEachEdge(minConfidence: minConfidence, since: since, until: until) { edge in
            if wanted.contains(GraphSelection.EdgeKey(edge.source, edge.relation, edge.target)) { try body(edge) }
        }
    }

    /// Every edge, unfiltered.
    public func forEachEdge(_ body: (GraphEdge) throws -> Void) throws {
        try forEachEdge(minConfidence: 0, since: nil, until: nil, body)
    }

    public func exampleSentences(of id: NodeID) throws -> [(document: String, sentence: String)] {
        try exampleSentences(of: id, limit: 2)
    }

    public func neighbours(of id: NodeID, relations: Set<RelationType>) throws -> [Neighbour] {
        try neighbours(of: id, relations: relations, minConfidence: 0, since: nil, until: nil)
    }
}

/// Whether a `--store` value names a PostgreSQL server (`postgres://…` or `postgresql://…`) rather than a file.
public func isPostgresLocation(_ location: String) -> Bool {
    location.hasPrefix("postgres://") || location.hasPrefix("postgresql://")
}

/// The store location as messages show it: a server URL's password replaced by `***`.
public func redactedStoreLocation(_ location: String) -> String {
    guard isPostgresLocation(location), let scheme = location.range(of: "://"),
          let at = location[scheme.upperBound...].firstIndex(of: "@") else { return location }
    let credentials = location[scheme.upperBound..<at]
    guard let colon = credentials.firstIndex(of: ":") else { return location }
    return String(location[..<colon]) + ":***" + String(location[at...])
}
