import ActorGraphModel
import ArabicText
import Linking
import Ontology
@testable import Relations
import Testing

/// A build extracts without the reasoning trace (`tracing: false`); `extract --explain` keeps it.
/// Leaving the trace out must change nothing else.
@Suite("Extraction with and without the trace")
struct TracingTests {
    @Test("every construction case gives the same relations, in the same order, traced or not")
    func sameRelations() {
        let cases = loadConstructions()
        #expect(cases.count > 100)
        let linker = Linker(ontology: sharedOntology)
        let extractor = RelationExtractor(ontology: sharedOntology)
        var traced = 0
        for c in cases {
            let linked = linker.link(Document(id: c.id, text: c.text))
            let with = extractor.extract(linked, tracing: true)
            let without = extractor.extract(linked, tracing: false)
            #expect(with.relations == without.relations, "\(c.id)")
            #expect(without.trace.isEmpty, "\(c.id)")
            if !with.trace.isEmpty { traced += 1 }
        }
        // The trace is there when asked for: nearly every case has a trigger.
        #expect(traced > cases.count / 2)
    }

    @Test("a relation stated twice in a sentence is kept once, at its higher confidence")
    func oneRelationPerSentence() {
        // Our own sentence: the same attack told by a verb and by a noun of the same clause.
        let text = "قصفت الطائرات الروسية مواقع تنظيم الدولة وشنت غارات على مواقع تنظيم الدولة في ريف حمص."
        let linked = Linker(ontology: sharedOntology).link(Document(id: "t", text: text))
        let rs = RelationExtractor(ontology: sharedOntology).extract(linked, tracing: false).relations
        var seen = Set<String>()
        for r in rs {
            let key = "\(r.source)|\(r.type.rawValue)|\(r.target)|\(r.sentence)"
            #expect(!seen.contains(key), "\(key) twice")
            seen.insert(key)
        }
        #expect(rs.contains { $0.type == .attacked && $0.target.rawValue == "ISIS" })
    }
}

/// The frames read the per-token trigger and cue lists from `Ontology.tokenTables`, made in one pass.
@Suite("Per-token trigger and cue tables")
struct TokenTablesTests {
    @Test("each token's lists are those triggers(at:) and cueList(at:) give, for every construction case")
    func tablesAgreeWithLookups() {
        var tokensWithTriggers = 0, tokensWithCues = 0
        for c in loadConstructions() {
            let tt = sharedOntology.tokenize(c.text)
            let (hits, cues) = sharedOntology.tokenTables(tt.tokens, sentences: tt.sentences)
            #expect(hits.count == tt.tokens.count && cues.count == tt.tokens.count)
            for s in tt.sentences {
                for k in s.tokens {
                    let want = sharedOntology.triggers(at: k, in: tt.tokens, end: s.tokens.upperBound)
                    #expect(Array(hits[k]) == want, "\(c.id) token \(k)")
                    let wantCues = sharedOntology.cueList(at: k, in: tt.tokens, end: s.tokens.upperBound)
                    #expect(cues[k].map(\.type) == wantCues.map(\.type) && cues[k].map(\.length) == wantCues.map(\.length),
                            "\(c.id) token \(k)")
                    if !want.isEmpty { tokensWithTriggers += 1 }
                    if !wantCues.isEmpty { tokensWithCues += 1 }
                }
            }
        }
        #expect(tokensWithTriggers > 100 && tokensWithCues > 100)
    }
}

@Suite("First scalar of a normalized string")
struct FirstNormalizedTests {
    @Test("agrees with the first scalar of ArabicNormalizer.normalize, on every word of the construction cases and on edge cases")
    func agreesWithNormalize() {
        var samples = ["", " ", "\"وقوات\"", "«ؤلاء»", "ـوقوات", "َوَقوات", "- و", "_والجيش", "\u{200F}والجيش", "ﻭ", "Wagner", "  «", "ٱلجيش"]
        for c in loadConstructions() {
            samples += c.text.split(separator: " ").map(String.init)
            samples.append(c.text)
        }
        for s in samples {
            #expect(ArabicNormalizer.firstScalar(ofNormalized: s) == ArabicNormalizer.normalize(s).unicodeScalars.first, "\(s)")
        }
    }
}

@Suite("One relation per statement")
struct RelationDedupTests {
    /// The rule written plainly: key (source, type, target, sentence) of the canonical relation, first
    /// met keeps its place, the most confident wins.
    static func reference(_ relations: [Relation]) -> [Relation] {
        var best: [String: Int] = [:]
        var out: [Relation] = []
        for r in relations {
            let c = r.canonical
            let key = "\(c.source.rawValue)|\(c.type.rawValue)|\(c.target.rawValue)|\(c.sentence)"
            if let k = best[key] { if out[k].confidence < c.confidence { out[k] = c } }
            else { best[key] = out.count; out.append(c) }
        }
        return out
    }

    @Test("the extractor keeps what the plain rule keeps, for every construction case")
    func agreesWithReference() {
        let linker = Linker(ontology: sharedOntology)
        var repeats = 0
        for c in loadConstructions() {
            let linked = linker.link(Document(id: c.id, text: c.text))
            let state = DocumentState(doc: linked, ontology: sharedOntology, tracing: false)
            for si in linked.sentences.indices { state.run(sentence: si) }
            let want = Self.reference(state.relations)
            if want.count < state.relations.count { repeats += 1 }
            #expect(RelationExtractor(ontology: sharedOntology).extract(linked, tracing: false).relations == want, "\(c.id)")
        }
        // Some cases do state a relation twice, so the folding is exercised.
        #expect(repeats > 0)
    }
}
