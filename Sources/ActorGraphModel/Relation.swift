/// The typed, directed relations actorgraph extracts. Raw values are the GraphML `relation` strings.
public enum RelationType: String, Sendable, CaseIterable, Codable {
    case attacked
    case alliedWith = "allied-with"
    case controls

    /// `allied-with` is symmetric in meaning: its edges are stored with source < target.
    public var isSymmetric: Bool { self == .alliedWith }
}

/// One extracted relation with the evidence that supports it, before it reaches the store.
public struct Relation: Hashable, Sendable {
    public var source: NodeID
    public var type: RelationType
    public var target: NodeID
    /// Index of the sentence inside its document.
    public var sentence: Int
    /// UTF-8 byte range of the sentence inside the document text.
    public var sentenceRange: Range<Int>
    /// The trigger word as written (surface form).
    public var trigger: String
    /// The frame that matched (e.g. `verbal`, `nominal`, `passive`, `participle`).
    public var frame: String
    /// 0...1
    public var confidence: Double
    /// The statement was hedged (يرجح، يعتقد …).
    public var hedged: Bool
    /// The event's own date (`YYYY-MM-DD`) when the sentence dates it (الجمعة، أمس); else the document's.
    public var date: String?

    public init(source: NodeID, type: RelationType, target: NodeID, sentence: Int, sentenceRange: Range<Int>,
                trigger: String, frame: String, confidence: Double, hedged: Bool, date: String? = nil) {
        self.source = source; self.type = type; self.target = target
        self.sentence = sentence; self.sentenceRange = sentenceRange
        self.trigger = trigger; self.frame = frame; self.confidence = confidence; self.hedged = hedged
        self.date = date
    }

    /// The same relation with symmetric relations put in canonical (sorted) order.
    public var canonical: Relation {
        var r = self
        r.makeCanonical()
        return r
    }

    /// Makes the relation `canonical` in place.
    public mutating func makeCanonical() {
        if !isCanonical { swap(&source, &target) }
    }

    /// Whether `canonical` is the relation itself.
    @inlinable public var isCanonical: Bool { !(type.isSymmetric && target < source) }
}
