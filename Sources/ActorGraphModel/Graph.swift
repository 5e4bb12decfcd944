/// A node as the store holds it and GraphML writes it.
public struct GraphNode: Sendable, Hashable {
    public var id: NodeID
    public var label: String
    public var labelEn: String
    public var kind: NodeKind
    /// Distinct surface forms seen in the corpus (for known actors also the canonical name).
    public var aliases: [String]
    /// Number of mentions seen across the corpus.
    public var mentions: Int
    public init(id: NodeID, label: String, labelEn: String, kind: NodeKind, aliases: [String], mentions: Int = 0) {
        self.id = id; self.label = label; self.labelEn = labelEn; self.kind = kind
        self.aliases = aliases; self.mentions = mentions
    }
}

/// One aggregated edge per (source, relation, target).
public struct GraphEdge: Sendable, Hashable {
    public var source: NodeID
    public var relation: RelationType
    public var target: NodeID
    /// Number of evidence sentences.
    public var weight: Int
    /// Distinct document ids, sorted.
    public var documents: [String]
    /// Earliest and latest evidence date (`YYYY-MM-DD`), when known.
    public var firstSeen: String?
    public var lastSeen: String?
    /// One example evidence sentence.
    public var evidence: String
    /// Aggregated confidence 0...1.
    public var confidence: Double
    public init(source: NodeID, relation: RelationType, target: NodeID, weight: Int, documents: [String],
                firstSeen: String?, lastSeen: String?, evidence: String, confidence: Double) {
        self.source = source; self.relation = relation; self.target = target; self.weight = weight
        self.documents = documents; self.firstSeen = firstSeen; self.lastSeen = lastSeen
        self.evidence = evidence; self.confidence = confidence
    }

    /// Stable ASCII edge id.
    public var id: String { "\(source.rawValue)--\(relation.rawValue)--\(target.rawValue)" }
}

/// The result of extracting one document: everything the store needs.
public struct Extraction: Sendable {
    public var document: Document
    /// Every node that a mention or relation refers to (ontology actors, places, provisional actors).
    public var nodes: [Node]
    public var mentions: [Mention]
    public var relations: [Relation]
    public var diagnostics: [Diagnostic]
    /// Set when `document.text` is one part of a larger document (nil: the whole document).
    public var part: DocumentPart?
    public init(document: Document, nodes: [Node], mentions: [Mention], relations: [Relation], diagnostics: [Diagnostic] = [],
                part: DocumentPart? = nil) {
        self.document = document; self.nodes = nodes; self.mentions = mentions; self.relations = relations
        self.diagnostics = diagnostics; self.part = part
    }
}
