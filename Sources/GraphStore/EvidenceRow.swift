import ActorGraphModel

/// One stored evidence sentence for an edge.
public struct EvidenceRow: Sendable, Hashable {
    public var source: NodeID
    public var relation: RelationType
    public var target: NodeID
    /// The document id.
    public var document: String
    /// The document's date (`YYYY-MM-DD`), when known.
    public var date: String?
    /// Index of the sentence inside its document.
    public var sentenceIndex: Int
    /// The sentence text.
    public var sentence: String
    public var trigger: String
    public var frame: String
    public var confidence: Double
    public var hedged: Bool

    public init(source: NodeID, relation: RelationType, target: NodeID, document: String, date: String?,
                sentenceIndex: Int, sentence: String, trigger: String, frame: String, confidence: Double, hedged: Bool) {
        self.source = source; self.relation = relation; self.target = target; self.document = document
        self.date = date; self.sentenceIndex = sentenceIndex; self.sentence = sentence; self.trigger = trigger
        self.frame = frame; self.confidence = confidence; self.hedged = hedged
    }
}
