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
        // In place, in the state's own array: the relations kept are moved to the front, not copied
        // (each copy retained and released a relation's five strings).
        var kept: [Relation] = []
        swap(&kept, &state.relations)
        var count = 0
        var sentenceStart = 0
        for i in kept.indices {
            kept[i].makeCanonical()
            if count == 0 || kept[count - 1].sentence != kept[i].sentence { sentenceStart = count }
            var found = -1
            var k = sentenceStart
            while k < count {
                if kept[k].type == kept[i].type && kept[k].source == kept[i].source && kept[k].target == kept[i].target { found = k; break }
                k += 1
            }
            if found >= 0 {
                if kept[found].confidence < kept[i].confidence { kept.swapAt(found, i) }
            } else {
                if count != i { kept.swapAt(count, i) }
                count += 1
            }
        }
        kept.removeLast(kept.count - count)
        return (kept, state.trace)
    }
}
