import ActorGraphModel

/// Another node joined to a given node by one relation type, with the evidence of both directions merged.
public struct Neighbour: Sendable, Hashable {
    /// Which way the relation runs, seen from the node asked about.
    public enum Direction: String, Sendable, Hashable, Codable {
        /// The node asked about is the source (it attacked the neighbour).
        case outgoing
        /// The neighbour is the source (it attacked the node asked about).
        case incoming
        /// Both ways; always the case for symmetric relations such as `allied-with`.
        case both
    }

    public var node: GraphNode
    public var relation: RelationType
    public var direction: Direction
    /// Evidence sentences, both directions together.
    public var weight: Int
    /// Distinct document ids, sorted.
    public var documents: [String]
    /// Noisy-or over documents of each document's highest evidence confidence.
    public var confidence: Double

    public init(node: GraphNode, relation: RelationType, direction: Direction, weight: Int, documents: [String], confidence: Double) {
        self.node = node; self.relation = relation; self.direction = direction
        self.weight = weight; self.documents = documents; self.confidence = confidence
    }
}
