/// How many rows the store holds.
public struct StoreCounts: Sendable, Hashable {
    public var documents: Int
    public var nodes: Int
    public var edges: Int
    public var evidence: Int

    public init(documents: Int, nodes: Int, edges: Int, evidence: Int) {
        self.documents = documents; self.nodes = nodes; self.edges = edges; self.evidence = evidence
    }
}
