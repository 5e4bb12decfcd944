import ActorGraphModel
import Dispatch
import Linking
import Ontology

/// text → tokens → mentions → actors → relations: one document at a time, giving the
/// `Extraction` a store ingests (with the nodes its mentions and relations refer to).
public struct Pipeline: Sendable {
    public let ontology: Ontology
    public let linker: Linker
    public let extractor: RelationExtractor

    public init(ontology: Ontology) {
        self.ontology = ontology
        self.linker = Linker(ontology: ontology)
        self.extractor = RelationExtractor(ontology: ontology)
    }

    /// The extraction of one document, its linked form, and the extractor's reasoning when `tracing`.
    public func extract(_ document: Document, tracing: Bool = true) -> (Extraction, LinkedDocument, [TraceEntry]) {
        let linked = linker.link(document)
        let (relations, trace) = extractor.extract(linked, tracing: tracing)
        // The nodes named, each once, in id order: deduplicated then sorted (a few dozen ids naming a
        // handful of nodes, mostly the same id strings again: comparing is cheaper than hashing each
        // into a set, and sorting the distinct ones cheaper than sorting them all).
        var ids: [NodeID] = []
        ids.reserveCapacity(16)
        func note(_ id: NodeID) { if !ids.contains(id) { ids.append(id) } }
        // Fields read in place: a copy of each mention or relation retained and released its strings.
        let mentions = linked.mentions
        for k in mentions.indices { note(mentions[k].node) }
        for k in relations.indices { note(relations[k].source); note(relations[k].target) }
        ids.sort()
        var nodes: [Node] = []
        nodes.reserveCapacity(ids.count)
        for id in ids {
            // Nodes that only an extractor default named (CIVILIANS in مجزرة) still need their record.
            if let node = ontology.nodes[id] ?? linked.provisional[id] { nodes.append(node) }
        }
        return (Extraction(document: document, nodes: nodes, mentions: linked.mentions, relations: relations), linked, trace)
    }

    /// Extracts a batch of documents on every core, keeping their order: documents are independent,
    /// and the ontology, linker and extractor are read-only.
    /// `finish` then runs on each extraction, on the thread that made it.
    public func extractConcurrently(_ documents: [Document],
                                    finishing finish: @Sendable (inout Extraction) -> Void = { _ in }) -> [Extraction] {
        guard documents.count > 1 else {
            return documents.map { var e = extract($0, tracing: false).0; finish(&e); return e }
        }
        var results = [Extraction?](repeating: nil, count: documents.count)
        results.withUnsafeMutableBufferPointer { buffer in
            let out = UnsafeSendableBuffer(buffer)
            DispatchQueue.concurrentPerform(iterations: documents.count) { i in
                var extraction = extract(documents[i], tracing: false).0
                finish(&extraction)
                out.buffer[i] = extraction
            }
        }
        return results.map { $0! }
    }
}

/// A buffer written from several threads, each at its own indices only.
private struct UnsafeSendableBuffer<T>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<T>
    init(_ buffer: UnsafeMutableBufferPointer<T>) { self.buffer = buffer }
}
