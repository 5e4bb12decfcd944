import ActorGraphModel
import ArabicText
import Linking
import Ontology

/// One step of the extractor's reasoning, for `actorgraph extract`.
public struct TraceEntry: Sendable {
    public var sentence: Int
    public var trigger: String
    public var frame: String
    public var relation: RelationType
    /// What happened: the edges made, or why the candidate was dropped.
    public var outcome: String
}

/// Finds typed relations between linked mentions, sentence by sentence.
///
/// For every trigger of patterns.tsv the frame named there finds the arguments (see `Frames.swift`);
/// cues then decide: negated, denied or threatened events give no edge, hedged ones are kept with
/// lower confidence and marked, attempts keep attacks but not control.
public struct RelationExtractor: Sendable {
    public let ontology: Ontology

    public init(ontology: Ontology) { self.ontology = ontology }

    /// The relations of a linked document, and the extractor's reasoning when `tracing` (empty otherwise).
    public func extract(_ doc: LinkedDocument, tracing: Bool = true) -> (relations: [Relation], trace: [TraceEntry]) {
        let state = DocumentState(doc: doc, ontology: ontology, tracing: tracing)
        for si in doc.sentences.indices {
            state.run(sentence: si)
        }
        // One relation per (source, type, target, sentence): keep the most confident. Relations come
        // sentence by sentence, so a repeat is among those kept for the same sentence (a few: compared).
        var kept: [Relation] = []
        var sentenceStart = 0
        for r in state.relations {
            let c = r.canonical
            if kept.last?.sentence != c.sentence { sentenceStart = kept.count }
            if let k = kept[sentenceStart...].firstIndex(where: { $0.source == c.source && $0.type == c.type && $0.target == c.target }) {
                if kept[k].confidence < c.confidence { kept[k] = c }
            } else {
                kept.append(c)
            }
        }
        return (kept, state.trace)
    }
}
