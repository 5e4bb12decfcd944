/// Consecutive edges, first to last inclusive, in export order (source, relation, target, compared
/// as SQLite compares them: binary): one part of the edges for exporting several parts at once.
public struct EdgeRange: Sendable, Equatable {
    /// An edge's place in that order.
    public struct Key: Sendable, Equatable {
        public var source: String
        public var relation: String
        public var target: String

        public init(source: String, relation: String, target: String) {
            self.source = source; self.relation = relation; self.target = target
        }
    }

    public var first: Key
    public var last: Key
    /// How many edges the range holds.
    public var edges: Int
    /// How many evidence rows they have: what the size of their GraphML follows.
    public var evidence: Int

    public init(first: Key, last: Key, edges: Int, evidence: Int) {
        self.first = first; self.last = last; self.edges = edges; self.evidence = evidence
    }
}
