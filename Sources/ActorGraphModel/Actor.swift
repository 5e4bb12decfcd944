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
    /// their Unicode normalization are told apart when their lengths differ, as the store's SQLite
    /// keys tell them apart.
    @inlinable public static func == (a: NodeID, b: NodeID) -> Bool {
        a.rawValue.utf8.count == b.rawValue.utf8.count && a.rawValue == b.rawValue
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(rawValue) }

    /// The hash sets and dictionaries of ids use. An ASCII id (every ontology id, `place:…`) is
    /// hashed by its bytes (FNV-1a, seeded, then mixed), without `Hasher`'s SipHash rounds: a lookup
    /// by id, in the ontology's nodes or the writer's known rows, spent most of its ~400
    /// instructions hashing. Any other id is hashed as its string, canonically. Consistent with `==`:
    /// equal ASCII ids have equal bytes, and no id `==` an ASCII one unless it is ASCII too (a string
    /// canonically equal to an ASCII one but not ASCII, as K and U+212A, is longer in UTF-8).
    public func _rawHashValue(seed: Int) -> Int {
        let start = 0xcbf2_9ce4_8422_2325 ^ UInt64(UInt(bitPattern: seed))
        let bytesHash = rawValue.utf8.withContiguousStorageIfAvailable { bytes -> UInt64? in
            var h = start
            var high: UInt8 = 0
            for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3; high |= b }
            return high < 0x80 ? h : nil
        }
        guard let found = bytesHash, var h = found else { return rawValue._rawHashValue(seed: seed) }
        h ^= h >> 33; h &*= 0xff51_afd7_ed55_8ccd
        h ^= h >> 33; h &*= 0xc4ce_b9fe_1a85_ec53
        h ^= h >> 33
        return Int(bitPattern: UInt(truncatingIfNeeded: h))
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
