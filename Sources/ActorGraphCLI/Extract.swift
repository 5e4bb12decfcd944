import ActorGraphModel
import ArgumentParser
import Foundation
import Linking
import Relations

struct Extract: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Show, sentence by sentence, what the extractor reads in a file (for finding errors).",
        discussion: """
        Prints the normalized tokens, the mentions with their actor and why (alias, anaphor, metonym,
        place), and each relation candidate with its trigger, frame and confidence, or why it was
        dropped. Nothing is written to the store.
        """)
    @Argument(help: "A .txt or .jsonl file.") var file: String
    @Option(help: "Ontology folder.") var ontology: String?
    @Option(help: "text or jsonl.") var format: ExtractFormat = .text
    @Flag(help: "Leave out the token line.") var noTokens = false

    enum ExtractFormat: String, ExpressibleByArgument { case text, jsonl }

    func run() throws {
        let onto = try OntologyCache.load(ProjectPaths.ontology(ontology))
        let pipeline = Pipeline(ontology: onto)
        var documents: [Document] = []
        for event in try DocumentReader.readAll(file) {
            switch event {
            case .problem(let p, _): warn("actorgraph: \(p)")
            case .document(let d, _): documents.append(d)
            case .large(let large):
                try large.forEachPart { part, date in
                    documents.append(Document(id: "\(large.id)#part\(part.index)", text: part.text, date: date))
                }
            }
        }
        for doc in documents {
            let (extraction, linked, trace) = pipeline.extract(doc)
            let utf8 = Array(doc.text.utf8)
            for (si, s) in linked.sentences.enumerated() {
                let text = String(decoding: utf8[s.bytes], as: UTF8.self)
                let mentions = linked.mentions.filter { $0.sentence == si }
                let rels = extraction.relations.filter { $0.sentence == si }
                let steps = trace.filter { $0.sentence == si }
                switch format {
                case .jsonl:
                    let obj: [String: Any] = [
                        "document": doc.id, "sentence": si, "text": text,
                        "tokens": linked.tokens[s.tokens].map(\.text),
                        "mentions": mentions.map { ["surface": $0.surface, "node": $0.node.rawValue, "kind": $0.kind.rawValue, "via": $0.via.rawValue] },
                        "relations": rels.map { ["source": $0.source.rawValue, "relation": $0.type.rawValue, "target": $0.target.rawValue,
                                                  "trigger": $0.trigger, "frame": $0.frame, "confidence": $0.confidence, "hedged": $0.hedged] },
                        "trace": steps.map { ["trigger": $0.trigger, "frame": $0.frame, "relation": $0.relation.rawValue, "outcome": $0.outcome] },
                    ]
                    print(String(decoding: try JSONSerialization.data(withJSONObject: obj, options: [.sortedKeys]), as: UTF8.self))
                case .text:
                    print("── \(doc.id) #\(si)  \(text)")
                    if !noTokens { print("   tokens: " + linked.tokens[s.tokens].map(\.text).joined(separator: " · ")) }
                    for m in mentions { print("   mention «\(m.surface)» → \(m.node) [\(m.kind.rawValue), \(m.via.rawValue)]") }
                    for t in steps { print("   \(t.relation.rawValue) «\(t.trigger)» \(t.frame): \(t.outcome)") }
                }
            }
        }
    }
}
