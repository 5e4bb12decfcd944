import ActorGraphModel
import ArabicText
import Foundation
import Linking
import Ontology
import Relations

/// The package root, three levels above this file.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The project's ontology, loaded once.
let sharedOntology: Ontology = {
    do { return try Ontology.load(directory: packageRoot.appendingPathComponent("Ontology").path) }
    catch { fatalError("the ontology does not load: \(error)") }
}()

/// An edge as the construction suite writes it: `ISIS>attacked>SDF`, places by Arabic name.
struct ExpectedEdge: CustomStringConvertible, Hashable {
    var source: String
    var relation: RelationType
    var target: String
    var description: String { "\(source)>\(relation.rawValue)>\(target)" }

    init?(_ s: String) {
        let parts = s.split(separator: ">").map { String($0).trimmingCharacters(in: .whitespaces) }
        guard parts.count == 3, let r = RelationType(rawValue: parts[1]) else { return nil }
        source = parts[0]; relation = r; target = parts[2]
    }

    /// Whether an extracted relation is this edge (allied-with either way; a place by any of its names).
    func matches(_ r: Relation, ontology: Ontology) -> Bool {
        guard r.type == relation else { return false }
        func same(_ want: String, _ got: NodeID) -> Bool {
            if want == got.rawValue { return true }
            if got == Linker.placeID(ArabicNormalizer.normalize(want)) { return true }   // a place found in text
            if ontology.resolve(name: want).contains(got) { return true }
            // A place by the name the text uses without its head word (بلدة الهول → الهول), as
            // scripts/construction-report.py matches it.
            guard ontology.nodes[got]?.kind == .location else { return false }
            let w = ArabicNormalizer.normalize(want)
            return ontology.names.contains { n in
                n.node == got && (n.name == w || placeHeads.contains { n.name == $0 + " " + w })
            }
        }
        if relation == .alliedWith {
            return (same(source, r.source) && same(target, r.target)) || (same(source, r.target) && same(target, r.source))
        }
        return same(source, r.source) && same(target, r.target)
    }
}

/// Generic head words of place names (normalized): بلدة الهول is الهول.
let placeHeads = ["محافظه", "مدينه", "بلده", "قريه", "حي", "ناحيه", "منطقه", "قضاء", "مخيم", "معبر"]

/// Runs the linker and the extractor over a text we wrote.
func relations(in text: String) -> [Relation] {
    let linked = Linker(ontology: sharedOntology).link(Document(id: "t", text: text))
    return RelationExtractor(ontology: sharedOntology).extract(linked).relations
}

func show(_ rs: [Relation]) -> String {
    rs.map { "\($0.source)>\($0.type.rawValue)>\($0.target)" }.joined(separator: "; ")
}
