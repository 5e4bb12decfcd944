import ActorGraphModel

/// Which part of the graph to export, render or query.
public struct GraphFilter: Sendable, Equatable {
    /// Keep only edges of these relations (all when empty).
    public var relations: Set<RelationType> = []
    /// Keep only edges with at least this many evidence sentences (counted inside the date window).
    public var minWeight = 1
    /// Keep only edges whose aggregated confidence is at least this.
    public var minConfidence = 0.0
    /// Count only evidence dated on or after / on or before these days (`YYYY-MM-DD`); undated evidence then drops out.
    public var since: String?
    public var until: String?
    /// Keep only nodes of these kinds (all when empty) …
    public var kinds: Set<NodeKind> = []
    /// … and never nodes of these.
    public var excludedKinds: Set<NodeKind> = []
    /// Keep only what lies within `depth` edges of this node (edges followed in either direction).
    public var ego: NodeID?
    public var depth = 1

    public init() {}

    /// Whether the filter keeps the whole graph.
    public var isEmpty: Bool { self == GraphFilter() }

    /// Whether some edge-level condition applies; then nodes without a kept edge are left out.
    var filtersEdges: Bool {
        !relations.isEmpty || minWeight > 1 || minConfidence > 0 || since != nil || until != nil || ego != nil
    }

    func keeps(_ kind: NodeKind) -> Bool {
        (kinds.isEmpty || kinds.contains(kind)) && !excludedKinds.contains(kind)
    }
}

/// What a filter keeps, worked out from the edges' weights and confidences and the nodes' kinds,
/// without reading any evidence text or mention row: then the kept nodes and edges stream.
public struct GraphSelection: Sendable {
    public struct EdgeKey: Hashable, Sendable {
        public var source: NodeID, relation: RelationType, target: NodeID
        public init(_ source: NodeID, _ relation: RelationType, _ target: NodeID) {
            self.source = source; self.relation = relation; self.target = target
        }
    }
    public let filter: GraphFilter
    /// The kept edges, with their weight and confidence (counted inside the date window).
    public var edges: [EdgeKey: (weight: Int, confidence: Double)]
    /// The kept nodes, or nil when every node of a kept kind is kept (a kind filter alone).
    public var nodes: Set<NodeID>?
    /// How many edges the store has with evidence in the filter's date window (kept or not); nil
    /// when the selection was found without reading them all (an ego's neighbourhood).
    public var edgesSeen: Int? = 0

    /// Node ids in the store's order (`ORDER BY id`: by UTF-8 bytes).
    public static func sortedByBytes(_ ids: some Sequence<NodeID>) -> [NodeID] {
        ids.map { ($0, Array($0.rawValue.utf8)) }.sorted { $0.1.lexicographicallyPrecedes($1.1) }.map(\.0)
    }

    /// The kept edges' keys in export order: by source, relation and target, each compared by its
    /// UTF-8 bytes, as the store orders them.
    public var sortedEdgeKeys: [EdgeKey] {
        edges.keys.map { (key: $0, bytes: (Array($0.source.rawValue.utf8), Array($0.relation.rawValue.utf8), Array($0.target.rawValue.utf8))) }
            .sorted { a, b in
                if a.bytes.0 != b.bytes.0 { return a.bytes.0.lexicographicallyPrecedes(b.bytes.0) }
                if a.bytes.1 != b.bytes.1 { return a.bytes.1.lexicographicallyPrecedes(b.bytes.1) }
                return a.bytes.2.lexicographicallyPrecedes(b.bytes.2)
            }
            .map(\.key)
    }

    public func keeps(_ node: GraphNode) -> Bool { filter.keeps(node.kind) && (nodes?.contains(node.id) ?? true) }
    public func keeps(_ edge: GraphEdge) -> Bool { edges[EdgeKey(edge.source, edge.relation, edge.target)] != nil }
}

/// A node still to be written, shared with a streaming closure.
private final class PendingNode {
    var ego: NodeID?
    init(_ ego: NodeID?) { self.ego = ego }
}

extension GraphStoreReader {
    /// The part of the graph the filter keeps, nodes by id and edges by (source, relation, target).
    ///
    /// Unlike `forEachSelected` this holds the selection in memory (for a picture or a DOT file).
    /// Edges are kept when their relation, weight and confidence pass and both ends are of kept
    /// kinds; with `ego`, only edges reachable within `depth` steps of kept edges remain. Nodes are
    /// the ends of kept edges (plus the ego itself); with only a kind filter, every node of a kept kind.
    public func selectGraph(_ filter: GraphFilter) throws -> (nodes: [GraphNode], edges: [GraphEdge]) {
        var nodes: [GraphNode] = [], edges: [GraphEdge] = []
        try forEachSelected(filter, node: { node, rows in
            var whole = node
            try rows { document, count, surface in
                whole.mentionDetail.append(MentionDetail(document: String(decoding: document, as: UTF8.self),
                                                         surface: String(decoding: surface, as: UTF8.self), count: count))
            }
            nodes.append(whole)
        }, edge: { edges.append($0) })
        return (nodes, edges)
    }

    /// What `selectGraph` returns, for a picture: the same nodes and edges in the same order, but
    /// nodes without `mentionDetail` and edges with their weight and confidence alone (no
    /// documents, dates or evidence). Read from the indexes, never the text: an actor's
    /// neighbourhood in a store built from a million documents held millions of evidence rows.
    public func selectGraphOutline(_ filter: GraphFilter) throws -> (nodes: [GraphNode], edges: [GraphEdge]) {
        let selection = try selection(filter)
        var nodes: [GraphNode] = []
        try forEachNodeStreamingDetail { node, _ in if selection.keeps(node) { nodes.append(node) } }
        if let ego = filter.ego, selection.nodes?.contains(ego) == true, !nodes.contains(where: { $0.id == ego }),
           let node = try nodeRecord(ego) {
            nodes.append(node)
            nodes.sort { $0.id < $1.id }
        }
        let edges = selection.edges.sorted {
            ($0.key.source.rawValue, $0.key.relation.rawValue, $0.key.target.rawValue)
                < ($1.key.source.rawValue, $1.key.relation.rawValue, $1.key.target.rawValue)
        }.map { key, value in
            GraphEdge(source: key.source, relation: key.relation, target: key.target, weight: value.weight, documents: [],
                      firstSeen: nil, lastSeen: nil, evidence: "", confidence: value.confidence)
        }
        return (nodes, edges)
    }

    /// Streams what `selectGraph` returns, in the same order: each kept node as
    /// `forEachNodeStreamingDetail` gives it (its mention rows streamed by the function it comes
    /// with), then each kept edge. Which to keep is worked out first from the edges' weights
    /// (`forEachEdgeWeight`) and the nodes' records; memory holds the kept edges' keys, never a
    /// node's mention rows or an edge's evidence (an ego graph of a store built from a million
    /// documents held 2 GB that way).
    public func forEachSelected(
        _ filter: GraphFilter,
        node body: (GraphNode, _ rows: (_ row: (UnsafeBufferPointer<UInt8>, Int, UnsafeBufferPointer<UInt8>) throws -> Void) throws -> Void) throws -> Void,
        edge: (GraphEdge) throws -> Void
    ) throws {
        let selection = try selection(filter)
        // The ego is kept by its kind alone; a node no mention or edge names is not among the
        // streamed ones, and comes at its place in id order.
        let lonelyEgo = PendingNode(filter.ego.flatMap { selection.nodes?.contains($0) == true ? $0 : nil })
        func emitLonelyEgo(before id: NodeID?) throws {
            guard let ego = lonelyEgo.ego, id.map({ ego <= $0 }) ?? true else { return }
            lonelyEgo.ego = nil
            if ego != id, let node = try node(ego) { try body(node) { _ in } }
        }
        let streamed: (GraphNode, _ rows: (_ row: (UnsafeBufferPointer<UInt8>, Int, UnsafeBufferPointer<UInt8>) throws -> Void) throws -> Void) throws -> Void = {
            node, rows in
            try emitLonelyEgo(before: node.id)
            if selection.keeps(node) { try withoutActuallyEscaping(rows) { try body(node, $0) } }
        }
        // The kept nodes are read one by one when they are known (an ego's neighbourhood, the ends
        // of the kept edges): an actor's few neighbours without summing every node's mentions.
        if let kept = selection.nodes {
            try forEachNodeStreamingDetail(GraphSelection.sortedByBytes(kept), streamed)
        } else {
            try forEachNodeStreamingDetail(streamed)
        }
        try emitLonelyEgo(before: nil)
        // A few edges are read one by one, each with its own evidence only (a handful of edges of a
        // store built from a million documents: 86 s of reading every edge's evidence before); a
        // large part of the graph in one pass over all of it, which costs less per edge.
        if selection.edges.count * 4 <= selection.edgesSeen ?? Int.max {
            try forEachEdge(selection.sortedEdgeKeys, minConfidence: filter.minConfidence,
                            since: filter.since, until: filter.until, edge)
        } else {
            try forEachEdge(minConfidence: filter.minConfidence, since: filter.since, until: filter.until) { e in
                if selection.keeps(e) { try edge(e) }
            }
        }
    }

    /// Which nodes and edges `filter` keeps (see `selectGraph`).
    public func selection(_ filter: GraphFilter) throws -> GraphSelection {
        var kinds: [NodeID: NodeKind?] = [:]
        func kept(_ id: NodeID) throws -> Bool {
            if let kind = kinds[id] { return kind.map(filter.keeps) ?? false }
            let kind = try nodeRecord(id)?.kind
            kinds[id] = kind
            return kind.map(filter.keeps) ?? false
        }
        if let ego = filter.ego, readsEdgesByNode {
            return try egoSelection(filter, ego: ego, kept: kept)
        }
        var edges: [GraphSelection.EdgeKey] = []
        var weights: [(weight: Int, confidence: Double)] = []
        var seen = 0
        try forEachEdgeWeight(since: filter.since, until: filter.until) { source, relation, target, weight, confidence in
            seen += 1
            guard confidence >= filter.minConfidence, filter.relations.isEmpty || filter.relations.contains(relation),
                  weight >= filter.minWeight, try kept(source), try kept(target) else { return }
            edges.append(GraphSelection.EdgeKey(source, relation, target))
            weights.append((weight, confidence))
        }
        func table(_ indices: some Sequence<Int>) -> [GraphSelection.EdgeKey: (weight: Int, confidence: Double)] {
            Dictionary(uniqueKeysWithValues: indices.map { (edges[$0], weights[$0]) })
        }
        if let ego = filter.ego {
            var adjacent: [NodeID: [Int]] = [:]
            for (i, e) in edges.enumerated() {
                adjacent[e.source, default: []].append(i)
                adjacent[e.target, default: []].append(i)
            }
            var reached: Set<NodeID> = [ego]
            var frontier = [ego]
            var keptEdges = Set<Int>()
            for _ in 0..<max(filter.depth, 0) {
                var next: [NodeID] = []
                for n in frontier {
                    for i in adjacent[n] ?? [] {
                        keptEdges.insert(i)
                        let other = edges[i].source == n ? edges[i].target : edges[i].source
                        if reached.insert(other).inserted { next.append(other) }
                    }
                }
                frontier = next
            }
            // Edges between nodes at the rim are part of the picture too.
            for (i, e) in edges.enumerated() where reached.contains(e.source) && reached.contains(e.target) { keptEdges.insert(i) }
            if !(try kept(ego)) { reached.remove(ego) }
            return GraphSelection(filter: filter, edges: table(keptEdges), nodes: reached, edgesSeen: seen)
        }
        if filter.filtersEdges {
            var ends = Set<NodeID>()
            for e in edges { ends.insert(e.source); ends.insert(e.target) }
            return GraphSelection(filter: filter, edges: table(edges.indices), nodes: ends, edgesSeen: seen)
        }
        return GraphSelection(filter: filter, edges: table(edges.indices), nodes: nil, edgesSeen: seen)
    }

    /// An ego's neighbourhood found by walking out from it: the edges of each step's nodes are read
    /// (`forEachEdgeWeight(touching:)`), then those of the nodes at the rim, for the edges between
    /// them. The same selection as the walk over every edge in `selection` (a test holds the two
    /// equal), reading only the neighbourhood's edges.
    private func egoSelection(_ filter: GraphFilter, ego: NodeID, kept: (NodeID) throws -> Bool) throws -> GraphSelection {
        var passing: [GraphSelection.EdgeKey: (weight: Int, confidence: Double)] = [:]
        var adjacent: [NodeID: [GraphSelection.EdgeKey]] = [:]
        var read = Set<NodeID>()
        func readEdges(of nodes: [NodeID]) throws {
            let fresh = nodes.filter { read.insert($0).inserted }
            guard !fresh.isEmpty else { return }
            try forEachEdgeWeight(touching: fresh, since: filter.since, until: filter.until) { source, relation, target, weight, confidence in
                guard confidence >= filter.minConfidence, filter.relations.isEmpty || filter.relations.contains(relation),
                      weight >= filter.minWeight, try kept(source), try kept(target) else { return }
                let key = GraphSelection.EdgeKey(source, relation, target)
                guard passing[key] == nil else { return }
                passing[key] = (weight, confidence)
                adjacent[source, default: []].append(key)
                adjacent[target, default: []].append(key)
            }
        }
        var reached: Set<NodeID> = [ego]
        var frontier = [ego]
        var keptEdges = Set<GraphSelection.EdgeKey>()
        for _ in 0..<max(filter.depth, 0) {
            try readEdges(of: frontier)
            var next: [NodeID] = []
            for n in frontier {
                for key in adjacent[n] ?? [] {
                    keptEdges.insert(key)
                    let other = key.source == n ? key.target : key.source
                    if reached.insert(other).inserted { next.append(other) }
                }
            }
            frontier = next
        }
        // Edges between nodes at the rim are part of the picture too.
        try readEdges(of: Array(reached))
        for key in passing.keys where reached.contains(key.source) && reached.contains(key.target) { keptEdges.insert(key) }
        if !(try kept(ego)) { reached.remove(ego) }
        return GraphSelection(filter: filter, edges: Dictionary(uniqueKeysWithValues: keptEdges.map { ($0, passing[$0]!) }),
                              nodes: reached, edgesSeen: nil)
    }
}
