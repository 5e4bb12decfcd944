/// The kinds of node the graph holds. Raw values are the GraphML `kind` strings.
public enum NodeKind: String, Sendable, CaseIterable, Codable {
    case armedGroup = "armed_group"
    case state
    case alliance
    case person
    case population
    case media
    case location
    case other

    /// Whether a node of this kind can take part in `attacked` / `allied-with` as an actor.
    public var isActor: Bool {
        switch self {
        case .armedGroup, .state, .alliance, .person, .population: return true
        case .media, .location, .other: return false
        }
    }
}

/// A node's identifier: the canonical id for ontology actors (`ISIS`), `place:<slug>` style
/// ASCII ids for places, `new:<slug>` for provisional actors found in text.
public struct NodeID: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }
    public static func < (a: NodeID, b: NodeID) -> Bool { a.rawValue < b.rawValue }
    /// Ids of different lengths differ: told apart at once, without `String`'s comparison call
    /// (419k comparisons gathering the nodes of a 2,000-document build, more resolving pronouns).
    /// Equal here implies equal as strings, so hashing stays consistent; two ids that differ only in
    /// their Unicode normalization are told apart, as the store's SQLite keys tell them apart.
    @inlinable public static func == (a: NodeID, b: NodeID) -> Bool {
        a.rawValue.utf8.count == b.rawValue.utf8.count && a.rawValue == b.rawValue
    }
}

/// An actor or place as the ontology describes it.
public struct Node: Hashable, Sendable {
    public var id: NodeID
    public var kind: NodeKind
    public var nameAr: String
    public var nameEn: String
    public init(id: NodeID, kind: NodeKind, nameAr: String, nameEn: String) {
        self.id = id; self.kind = kind; self.nameAr = nameAr; self.nameEn = nameEn
    }
}
