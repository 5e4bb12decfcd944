import ActorGraphModel

/// A picture's edges cut to the strongest: Graphviz lays out a few hundred edges in seconds, but
/// an actor's neighbourhood in a store built from a million documents had 50,380 and ran for over
/// five minutes, to draw a picture nobody could read.
public enum StrongestEdges {
    /// The `limit` strongest edges (evidence count, then confidence, then their order in `edges`),
    /// in their order in `edges`, and the nodes they join (and `keep`, the ego), in their order in
    /// `nodes`. All of it when there are no more than `limit` edges, or `limit` is 0.
    public static func cut(nodes: [GraphNode], edges: [GraphEdge], limit: Int, keep: NodeID? = nil)
        -> (nodes: [GraphNode], edges: [GraphEdge]) {
        guard limit > 0, edges.count > limit else { return (nodes, edges) }
        let chosen = edges.indices.sorted { a, b in
            let x = edges[a], y = edges[b]
            if x.weight != y.weight { return x.weight > y.weight }
            if x.confidence != y.confidence { return x.confidence > y.confidence }
            return a < b
        }.prefix(limit).sorted()
        let kept = chosen.map { edges[$0] }
        var joined = Set(kept.flatMap { [$0.source, $0.target] })
        if let keep { joined.insert(keep) }
        return (nodes.filter { joined.contains($0.id) }, kept)
    }
}
