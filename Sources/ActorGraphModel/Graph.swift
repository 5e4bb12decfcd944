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
    /// Where the mentions come from, one entry per (document, surface form): what a merge of two
    /// graphs needs to add mentions without counting a document seen on both sides twice.
    public var mentionDetail: [MentionDetail]
    public init(id: NodeID, label: String, labelEn: String, kind: NodeKind, aliases: [String], mentions: Int = 0,
                mentionDetail: [MentionDetail] = []) {
        self.id = id; self.label = label; self.labelEn = labelEn; self.kind = kind
        self.aliases = aliases; self.mentions = mentions; self.mentionDetail = mentionDetail
    }
}

/// How often one document names a node with one surface form.
public struct MentionDetail: Sendable, Hashable {
    public var document: String
    public var surface: String
    public var count: Int
    public init(document: String, surface: String, count: Int) {
        self.document = document; self.surface = surface; self.count = count
    }
}

/// The identity and weight of one evidence sentence of an edge (its text travels only for the example).
public struct EvidenceDetail: Sendable, Hashable {
    public var document: String
    /// The sentence's index inside its document: (document, sentence) identifies the evidence.
    public var sentenceIndex: Int
    public var date: String?
    public var confidence: Double
    public var hedged: Bool
    public init(document: String, sentenceIndex: Int, date: String?, confidence: Double, hedged: Bool) {
        self.document = document; self.sentenceIndex = sentenceIndex; self.date = date
        self.confidence = confidence; self.hedged = hedged
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
    /// Every evidence sentence behind the edge, in (document, sentence) order: `weight` of them when known.
    public var evidenceDetail: [EvidenceDetail]
    public init(source: NodeID, relation: RelationType, target: NodeID, weight: Int, documents: [String],
                firstSeen: String?, lastSeen: String?, evidence: String, confidence: Double,
                evidenceDetail: [EvidenceDetail] = []) {
        self.source = source; self.relation = relation; self.target = target; self.weight = weight
        self.documents = documents; self.firstSeen = firstSeen; self.lastSeen = lastSeen
        self.evidence = evidence; self.confidence = confidence; self.evidenceDetail = evidenceDetail
    }

    /// Stable ASCII edge id.
    public var id: String { "\(source.rawValue)--\(relation.rawValue)--\(target.rawValue)" }
}

/// The result of extracting one document: everything the store needs.
/// How often a document names a node with one surface form.
public struct MentionCount: Sendable, Equatable {
    public var node: NodeID
    public var surface: String
    public var count: Int
    public init(node: NodeID, surface: String, count: Int) { self.node = node; self.surface = surface; self.count = count }
}

public struct Extraction: Sendable {
    public var document: Document
    /// Every node that a mention or relation refers to (ontology actors, places, provisional actors).
    public var nodes: [Node]
    public var mentions: [Mention] { didSet { mentionCounts = nil } }
    public var relations: [Relation]
    public var diagnostics: [Diagnostic]
    /// Set when `document.text` is one part of a larger document (nil: the whole document).
    public var part: DocumentPart?
    /// The content hash of the whole document's text (`GraphStore.contentHash`), when the reader
    /// computed it already; the store computes it otherwise. Required for a part.
    public var textHash: String?
    /// The mentions counted per (node, surface), in the order first met, when counted already
    /// (`GraphStore`'s `countMentions`, on the thread that extracted the document); the store counts
    /// them otherwise. Cleared by any change to `mentions`.
    public var mentionCounts: [MentionCount]?
    public init(document: Document, nodes: [Node], mentions: [Mention], relations: [Relation], diagnostics: [Diagnostic] = [],
                part: DocumentPart? = nil) {
        self.document = document; self.nodes = nodes; self.mentions = mentions; self.relations = relations
        self.diagnostics = diagnostics; self.part = part
    }
}
