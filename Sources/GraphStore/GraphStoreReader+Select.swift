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

extension GraphStoreReader {
    /// The part of the graph the filter keeps, nodes by id and edges by (source, relation, target).
    ///
    /// Unlike `forEachNode`/`forEachEdge` this holds the selection in memory (a neighbourhood or a
    /// filtered view is what a person looks at). Edges are kept when their relation, weight and
    /// confidence pass and both ends are of kept kinds; with `ego`, only edges reachable within `depth`
    /// steps of kept edges remain. Nodes are the ends of kept edges (plus the ego itself); with only a
    /// kind filter, every node of a kept kind.
    public func selectGraph(_ filter: GraphFilter) throws -> (nodes: [GraphNode], edges: [GraphEdge]) {
        var nodes: [NodeID: GraphNode] = [:]
        try forEachNode { if filter.keeps($0.kind) { nodes[$0.id] = $0 } }
        var edges: [GraphEdge] = []
        try forEachEdge(minConfidence: filter.minConfidence, since: filter.since, until: filter.until) { edge in
            guard filter.relations.isEmpty || filter.relations.contains(edge.relation),
                  edge.weight >= filter.minWeight,
                  nodes[edge.source] != nil, nodes[edge.target] != nil else { return }
            edges.append(edge)
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
            edges = keptEdges.sorted().map { edges[$0] }
            if nodes[ego] == nil, let node = try node(ego), filter.keeps(node.kind) { nodes[ego] = node }
            return (reached.compactMap { nodes[$0] }.sorted { $0.id < $1.id }, edges)
        }
        if filter.filtersEdges {
            var ends = Set<NodeID>()
            for e in edges { ends.insert(e.source); ends.insert(e.target) }
            return (ends.compactMap { nodes[$0] }.sorted { $0.id < $1.id }, edges)
        }
        return (nodes.values.sorted { $0.id < $1.id }, edges)
    }
}
