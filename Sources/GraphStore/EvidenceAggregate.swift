/// Folds evidence rows of one edge (or one merged neighbour) into weight, documents, dates,
/// the example sentence and the noisy-or confidence.
public struct EvidenceAggregate: Sendable {
    public private(set) var weight = 0
    /// Each document's highest evidence confidence.
    private var documentConfidence: [String: Double] = [:]
    public private(set) var firstSeen: String?
    public private(set) var lastSeen: String?
    /// The example sentence: highest confidence, ties broken by document id then sentence index.
    public init() {}

    private var best: (confidence: Double, document: String, sentenceIndex: Int, sentence: String)?

    /// Adds one evidence row; `sentence` is only read when the row becomes the example.
    public mutating func add(document: String, sentenceIndex: Int, confidence: Double, date: String?,
                      sentence: () -> String = { "" }) {
        weight += 1
        documentConfidence[document] = max(documentConfidence[document] ?? 0, confidence)
        if let date {
            if firstSeen.map({ date < $0 }) ?? true { firstSeen = date }
            if lastSeen.map({ date > $0 }) ?? true { lastSeen = date }
        }
        let better: Bool
        if let best {
            better = confidence > best.confidence
                || (confidence == best.confidence && (document, sentenceIndex) < (best.document, best.sentenceIndex))
        } else {
            better = true
        }
        if better { best = (confidence, document, sentenceIndex, sentence()) }
    }

    /// Distinct document ids, sorted.
    public var documents: [String] { documentConfidence.keys.sorted() }

    public var exampleSentence: String { best?.sentence ?? "" }

    /// 1 − Π(1 − c_doc) over documents (in id order, so the result is reproducible to the last bit).
    public var confidence: Double { documentsAndConfidence.confidence }

    /// `documents` and `confidence` with the documents sorted once.
    public var documentsAndConfidence: (documents: [String], confidence: Double) {
        let sorted = documentConfidence.sorted { $0.key < $1.key }
        var unsupported = 1.0
        for (_, c) in sorted { unsupported *= 1 - min(max(c, 0), 1) }
        return (sorted.map(\.key), 1 - unsupported)
    }
}
