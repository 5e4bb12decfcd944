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

    public func extract(_ doc: LinkedDocument) -> (relations: [Relation], trace: [TraceEntry]) {
        let state = DocumentState(doc: doc, ontology: ontology)
        for si in doc.sentences.indices {
            state.run(sentence: si)
        }
        // One relation per (source, type, target, sentence): keep the most confident.
        var best: [String: Relation] = [:]
        var order: [String] = []
        for r in state.relations {
            let c = r.canonical
            let key = "\(c.source.rawValue)|\(c.type.rawValue)|\(c.target.rawValue)|\(c.sentence)"
            if let old = best[key] { if old.confidence < c.confidence { best[key] = c } }
            else { best[key] = c; order.append(key) }
        }
        return (order.map { best[$0]! }, state.trace)
    }
}
