/// One aggregated edge held as UTF-8 bytes: what `GraphEdge` holds, without a `String` per field.
///
/// Every text field is a range of `bytes`. A store reader refills one value edge after edge
/// (`removeAll()` keeps the capacity), and the GraphML writer formats it straight from the
/// bytes, so a bulk export allocates nothing per edge. Text may be any bytes the store
/// returned; the writer repairs invalid UTF-8 as `String(decoding:as:)` does.
public struct EdgeBytes: Sendable {
    /// One evidence sentence behind the edge (`EvidenceDetail` as byte ranges).
    public struct Evidence: Sendable {
        public var document: Range<Int>
        public var sentenceIndex: Int
        /// Nil when the evidence is undated.
        public var date: Range<Int>?
        public var confidence: Double
        public var hedged: Bool
        public init(document: Range<Int>, sentenceIndex: Int, date: Range<Int>?, confidence: Double, hedged: Bool) {
            self.document = document; self.sentenceIndex = sentenceIndex; self.date = date
            self.confidence = confidence; self.hedged = hedged
        }
    }

    /// The text of every field, end to end.
    public var bytes: [UInt8] = []
    public var source: Range<Int> = 0..<0
    public var relation: RelationType = .attacked
    public var target: Range<Int> = 0..<0
    /// Number of evidence sentences.
    public var weight = 0
    /// Distinct document ids, sorted.
    public var documents: [Range<Int>] = []
    public var firstSeen: Range<Int>?
    public var lastSeen: Range<Int>?
    /// The example evidence sentence.
    public var evidence: Range<Int> = 0..<0
    /// Aggregated confidence 0...1.
    public var confidence = 0.0
    /// Every evidence sentence, in (document, sentence) order.
    public var detail: [Evidence] = []

    public init() {}

    /// The edge's fields as bytes.
    public init(_ edge: GraphEdge) {
        load(edge)
    }

    /// Replaces the contents with `edge`, keeping the storage.
    public mutating func load(_ edge: GraphEdge) {
        removeAll()
        source = append(edge.source.rawValue)
        relation = edge.relation
        target = append(edge.target.rawValue)
        weight = edge.weight
        for document in edge.documents { documents.append(append(document)) }
        firstSeen = edge.firstSeen.map { append($0) }
        lastSeen = edge.lastSeen.map { append($0) }
        evidence = append(edge.evidence)
        confidence = edge.confidence
        for row in edge.evidenceDetail {
            detail.append(Evidence(document: append(row.document), sentenceIndex: row.sentenceIndex,
                                   date: row.date.map { append($0) }, confidence: row.confidence, hedged: row.hedged))
        }
    }

    /// Empties the edge, keeping the storage for the next one.
    public mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        documents.removeAll(keepingCapacity: true)
        detail.removeAll(keepingCapacity: true)
        source = 0..<0; target = 0..<0; evidence = 0..<0
        firstSeen = nil; lastSeen = nil
        weight = 0; confidence = 0
    }

    /// Appends the string's UTF-8 bytes and returns where they are.
    @discardableResult
    public mutating func append(_ text: String) -> Range<Int> {
        let start = bytes.count
        bytes.append(contentsOf: text.utf8)
        return start..<bytes.count
    }

    /// Appends the bytes and returns where they are.
    @discardableResult
    public mutating func append(_ text: UnsafeRawBufferPointer) -> Range<Int> {
        let start = bytes.count
        bytes.append(contentsOf: text)
        return start..<bytes.count
    }
}
