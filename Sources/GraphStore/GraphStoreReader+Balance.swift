import ActorGraphModel

/// A relation structural balance suggests but no sentence states, with the paths that suggest it.
public struct InferredNeighbour: Sendable, Hashable {
    /// One two-step path: the node asked about, its observed relation to `via`, `via`'s observed relation to the neighbour.
    public struct Path: Sendable, Hashable {
        public var via: NodeID
        public var first: RelationType
        public var second: RelationType
        /// The smaller evidence count of the two steps: how well the path is attested.
        public var weight: Int
    }

    public var node: GraphNode
    /// `attacked` (a likely adversary) or `allied-with` (a likely ally).
    public var relation: RelationType
    /// The supporting paths, strongest first.
    public var paths: [Path]
}

extension GraphStoreReader {
    /// Adversaries (`relation` = `.attacked`) or allies (`.alliedWith`) of `id` that structural balance
    /// suggests from observed edges, excluding what is already observed (in either relation) and `id` itself:
    ///
    /// - likely adversary: the ally of an adversary, or the adversary of an ally;
    /// - likely ally: the adversary of an adversary, or the ally of an ally.
    ///
    /// Only parties to a conflict take part (armed groups, states, alliances, persons): a population that
    /// was attacked is nobody's ally for having been attacked, nor are places or media.
    ///
    /// Ordered by the number of supporting paths, then their summed weight, then id. Filters apply to every step.
    public func inferredNeighbours(of id: NodeID, relation: RelationType, minConfidence: Double = 0,
                                   since: String? = nil, until: String? = nil) throws -> [InferredNeighbour] {
        guard relation == .attacked || relation == .alliedWith else { return [] }
        let parties: Set<NodeKind> = [.armedGroup, .state, .alliance, .person]
        func step(_ node: NodeID, _ r: RelationType) throws -> [Neighbour] {
            try neighbours(of: node, relations: [r], minConfidence: minConfidence, since: since, until: until)
                .filter { parties.contains($0.node.kind) }
        }
        let adversaries = try step(id, .attacked)
        let allies = try step(id, .alliedWith)
        let observed = Set((adversaries + allies).map(\.node.id)).union([id])

        // (first step, second step) pairs whose composition gives `relation`.
        let compositions: [(RelationType, [Neighbour], RelationType)] = relation == .attacked
            ? [(.attacked, adversaries, .alliedWith), (.alliedWith, allies, .attacked)]
            : [(.attacked, adversaries, .attacked), (.alliedWith, allies, .alliedWith)]
        var found: [NodeID: (node: GraphNode, paths: [InferredNeighbour.Path])] = [:]
        for (first, middles, second) in compositions {
            for middle in middles {
                for far in try step(middle.node.id, second) where !observed.contains(far.node.id) {
                    let path = InferredNeighbour.Path(via: middle.node.id, first: first, second: second,
                                                      weight: min(middle.weight, far.weight))
                    found[far.node.id, default: (far.node, [])].paths.append(path)
                }
            }
        }
        return found.values.map { entry in
            InferredNeighbour(node: entry.node, relation: relation, paths: entry.paths.sorted {
                ($1.weight, $0.via.rawValue) < ($0.weight, $1.via.rawValue)
            })
        }.sorted {
            let a = ($0.paths.count, $0.paths.reduce(0) { $0 + $1.weight }), b = ($1.paths.count, $1.paths.reduce(0) { $0 + $1.weight })
            return a != b ? a > b : $0.node.id < $1.node.id
        }
    }
}
