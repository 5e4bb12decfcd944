import ActorGraphModel
import Linking
import Ontology
import Relations

/// text → tokens → mentions → actors → relations: one document at a time.
struct Pipeline {
    let ontology: Ontology
    let linker: Linker
    let extractor: RelationExtractor

    init(ontology: Ontology) {
        self.ontology = ontology
        self.linker = Linker(ontology: ontology)
        self.extractor = RelationExtractor(ontology: ontology)
    }

    func extract(_ document: Document) -> (Extraction, LinkedDocument, [TraceEntry]) {
        let linked = linker.link(document)
        let (relations, trace) = extractor.extract(linked)
        var ids = Set<NodeID>()
        for m in linked.mentions { ids.insert(m.node) }
        for r in relations { ids.insert(r.source); ids.insert(r.target) }
        // Nodes that only an extractor default named (CIVILIANS in مجزرة) still need their record.
        let nodes = ids.sorted().compactMap { ontology.nodes[$0] ?? linked.provisional[$0] }
        return (Extraction(document: document, nodes: nodes, mentions: linked.mentions, relations: relations), linked, trace)
    }
}
