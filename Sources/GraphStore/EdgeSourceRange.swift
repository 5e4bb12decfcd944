/// Consecutive edge sources, first to last inclusive, in the store's (binary) order: one part of
/// the edges for exporting several parts at once.
public struct EdgeSourceRange: Sendable, Equatable {
    public var first: String
    public var last: String
    /// How many edges have their source in the range.
    public var edges: Int

    public init(first: String, last: String, edges: Int) {
        self.first = first; self.last = last; self.edges = edges
    }
}
