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
        // One relation per (source, type, target, sentence): keep the most confident.
        var best: [RelationKey: Int] = [:]
        var kept: [Relation] = []
        for r in state.relations {
            let c = r.canonical
            let key = RelationKey(source: c.source, type: c.type, target: c.target, sentence: c.sentence)
            if let k = best[key] { if kept[k].confidence < c.confidence { kept[k] = c } }
            else { best[key] = kept.count; kept.append(c) }
        }
        return (kept, state.trace)
    }
}

/// What makes two relations of a document the same statement.
private struct RelationKey: Hashable {
    var source: NodeID
    var type: RelationType
    var target: NodeID
    var sentence: Int
}
