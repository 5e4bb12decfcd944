import ActorGraphModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Folds evidence rows streamed in edge order into `EdgeBytes`, as `EdgeFold` folds them into
/// `GraphEdge`s, with the same result, but copying column bytes instead of making strings.
///
/// The rows come ordered by document (SQLite's binary order) and sentence, so when every document
/// id and date of an edge is ASCII, byte order is Swift's string order: distinct documents are runs
/// of equal ids, and the per-document confidences multiply in sorted order as they arrive. An edge
/// with a non-ASCII document id or date (where Swift compares canonical equivalents) is folded
/// again through `EvidenceAggregate`, with strings.
struct EdgeBytesFold {
    private let minConfidence: Double
    /// The edge being folded; complete when handed to `emit`.
    private(set) var edge = EdgeBytes()
    private var currentID: Int64?
    /// Each row's sentence.
    private var sentences: [Range<Int>] = []
    /// The example row (first of the highest confidence, ties to the lower document and sentence).
    private var best = 0
    /// Π(1 − c_doc) over the documents closed so far, and the highest confidence of the open document.
    private var unsupported = 1.0
    private var documentConfidence = 0.0
    /// Set when a document id or date is not ASCII: the edge is then folded with strings.
    private var needsStrings = false

    init(minConfidence: Double) { self.minConfidence = minConfidence }

    /// Adds the statement's current row: (edge id, source, relation, target, document, sentence
    /// index, confidence, date, sentence, hedged). When it starts a new edge, the finished one
    /// goes to `emit` first (unless its confidence is below the minimum).
    mutating func add(_ row: Statement, relation decode: (String) throws -> RelationType,
                      emit: (borrowing EdgeBytes) throws -> Void) throws {
        let id = row.int64(0)
        if currentID != id {
            try finish(emit)
            currentID = id
            edge.source = edge.append(row.text(1))
            let relation = row.text(2)
            edge.relation = try Self.relation(relation) ?? decode(String(decoding: relation, as: UTF8.self))
            edge.target = edge.append(row.text(3))
        }
        let document = edge.append(row.text(4))
        let sentenceIndex = row.int(5)
        let confidence = row.double(6)
        let date: Range<Int>? = row.isNull(7) ? nil : edge.append(row.text(7))
        sentences.append(edge.append(row.text(8)))
        let hedged = row.bool(9)
        if !needsStrings { needsStrings = !isASCII(document) || date.map { !isASCII($0) } ?? false }

        let rowIndex = edge.detail.count
        if let last = edge.documents.last, equal(last, document) {
            documentConfidence = max(documentConfidence, confidence)
        } else {
            if !edge.documents.isEmpty { closeDocument() }
            edge.documents.append(document)
            documentConfidence = max(0, confidence)
        }
        if let date {
            if edge.firstSeen.map({ compare(date, $0) < 0 }) ?? true { edge.firstSeen = date }
            if edge.lastSeen.map({ compare(date, $0) > 0 }) ?? true { edge.lastSeen = date }
        }
        if rowIndex > 0 {
            let kept = edge.detail[best]
            let ordered = compare(document, kept.document)
            if confidence > kept.confidence
                || (confidence == kept.confidence && (ordered < 0 || (ordered == 0 && sentenceIndex < kept.sentenceIndex))) {
                best = rowIndex
            }
        }
        edge.detail.append(EdgeBytes.Evidence(document: document, sentenceIndex: sentenceIndex, date: date,
                                              confidence: confidence, hedged: hedged))
    }

    /// The relation whose raw value is these bytes, or nil (then `decode` says why it is unknown).
    private static func relation(_ bytes: UnsafeRawBufferPointer) -> RelationType? {
        for (type, raw) in relationBytes where raw.count == bytes.count {
            if raw.withUnsafeBytes({ memcmp($0.baseAddress!, bytes.baseAddress!, raw.count) == 0 }) { return type }
        }
        return nil
    }

    private static let relationBytes: [(RelationType, [UInt8])] = RelationType.allCases.map { ($0, Array($0.rawValue.utf8)) }

    /// Hands the last edge to `emit` once the rows are done (unless its confidence is below the minimum).
    mutating func finish(_ emit: (borrowing EdgeBytes) throws -> Void) throws {
        guard currentID != nil else { return }
        closeDocument()
        edge.weight = edge.detail.count
        edge.evidence = sentences[best]
        edge.confidence = 1 - unsupported
        if needsStrings { foldWithStrings() }
        if edge.confidence >= minConfidence { try emit(edge) }
        edge.removeAll()
        sentences.removeAll(keepingCapacity: true)
        currentID = nil
        best = 0
        unsupported = 1
        documentConfidence = 0
        needsStrings = false
    }

    private mutating func closeDocument() {
        unsupported *= 1 - min(max(documentConfidence, 0), 1)
    }

    /// Recomputes documents, dates, example and confidence as `EdgeFold` does, from strings.
    private mutating func foldWithStrings() {
        var aggregate = EvidenceAggregate()
        for (i, row) in edge.detail.enumerated() {
            aggregate.add(document: string(row.document), sentenceIndex: row.sentenceIndex, confidence: row.confidence,
                          date: row.date.map { string($0) }, sentence: { string(sentences[i]) })
        }
        edge.documents.removeAll(keepingCapacity: true)
        for document in aggregate.documents { edge.documents.append(edge.append(document)) }
        edge.firstSeen = aggregate.firstSeen.map { edge.append($0) }
        edge.lastSeen = aggregate.lastSeen.map { edge.append($0) }
        edge.evidence = edge.append(aggregate.exampleSentence)
        edge.confidence = aggregate.confidence
    }

    // MARK: Bytes

    private func string(_ range: Range<Int>) -> String {
        edge.bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[range]), as: UTF8.self) }
    }

    private func isASCII(_ range: Range<Int>) -> Bool {
        edge.bytes.withUnsafeBufferPointer { b in !b[range].contains { $0 >= 0x80 } }
    }

    private func equal(_ a: Range<Int>, _ b: Range<Int>) -> Bool {
        a.count == b.count && compare(a, b) == 0
    }

    /// Byte-wise comparison, a shorter prefix first (SQLite's binary collation; Swift's order for ASCII).
    private func compare(_ a: Range<Int>, _ b: Range<Int>) -> Int {
        let shorter = min(a.count, b.count)
        guard shorter > 0 else { return a.count - b.count }
        return edge.bytes.withUnsafeBufferPointer { p in
            let base = p.baseAddress!
            let order = memcmp(base + a.lowerBound, base + b.lowerBound, shorter)
            return order != 0 ? Int(order) : a.count - b.count
        }
    }
}
