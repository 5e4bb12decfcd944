import ActorGraphModel
import Linking
import Relations
import Testing

/// تم / جرى / يتم before an event noun: a passive whose agent the clause does not name, taken to be
/// the sentence's last attacker. Every auxiliary as written (جرى with its alif maqsura, which the
/// normalizer folds to ي) gives the same edges.
@Suite("Passive auxiliaries")
struct PassiveAuxiliaryTests {
    static func edges(_ text: String) -> Set<String> {
        let linked = Linker(ontology: sharedOntology).link(Document(id: "p", text: text))
        let relations = RelationExtractor(ontology: sharedOntology).extract(linked, tracing: false).relations
        return Set(relations.map { "\($0.source)>\($0.type.rawValue)>\($0.target)" })
    }

    @Test(arguments: ["تم", "جرى", "جري", "يتم"])
    func auxiliaryBeforeAnEventNoun(_ auxiliary: String) {
        // Our own sentence.
        let text = "قصفت الطائرات الروسية مواقع لتنظيم الدولة قرب السخنة، ثم \(auxiliary) استهداف مقر لهيئة تحرير الشام في ريف حماة."
        let got = Self.edges(text)
        #expect(got.contains("RUSSIA>attacked>ISIS"), "\(got)")
        #expect(got.contains("RUSSIA>attacked>HTS"), "\(auxiliary): \(got)")
    }
}
