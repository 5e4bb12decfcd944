import Testing
import ActorGraphModel
import GraphStore

/// `Extraction.evidenceRelations` keeps one canonical relation per edge and sentence, the most
/// confident, in the order first seen, whether it compares pairwise (few relations) or hashes (many).
@Suite struct EvidenceRelationsTests {
    /// The rule written plainly.
    static func reference(_ relations: [Relation]) -> [Relation] {
        var out: [Relation] = []
        for r in relations.map(\.canonical) {
            if let k = out.firstIndex(where: { $0.source == r.source && $0.type == r.type && $0.target == r.target && $0.sentence == r.sentence }) {
                if r.confidence > out[k].confidence { out[k] = r }
            } else { out.append(r) }
        }
        return out
    }

    @Test(arguments: [0, 1, 5, 32, 33, 80])
    func sameAsTheRule(count: Int) {
        var rng = SystemRandomNumberGenerator()
        let ids = ["A", "B"].map(NodeID.init)
        let types: [RelationType] = [.attacked, .alliedWith, .controls]
        for _ in 0..<20 {
            let relations = (0..<count).map { _ in
                Relation(source: ids.randomElement(using: &rng)!, type: types.randomElement(using: &rng)!, target: ids.randomElement(using: &rng)!,
                         sentence: Int.random(in: 0..<2, using: &rng), sentenceRange: 0..<1, trigger: "t", frame: "verb",
                         confidence: Double(Int.random(in: 1...9, using: &rng)) / 10, hedged: false)
            }
            let e = Extraction(document: Document(id: "d", text: "x"), nodes: [], mentions: [], relations: relations)
            let got = e.evidenceRelations, want = Self.reference(relations)
            #expect(got.count == want.count)
            #expect(zip(got, want).allSatisfy { $0.source == $1.source && $0.type == $1.type && $0.target == $1.target
                && $0.sentence == $1.sentence && $0.confidence == $1.confidence })
            if count > 24 { #expect(got.count < count) }   // 2 × 3 × 2 × 2 keys at most: duplicates were folded
        }
    }
}
