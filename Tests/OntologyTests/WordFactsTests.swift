import Foundation
import Testing
import ArabicText
import Ontology

/// The word facts a vocabulary attaches answer every question exactly as asking the tables does.
@Suite struct WordFactsTests {
    /// Texts to ask about: the sample corpus we ship, and the development articles when present.
    static func texts() throws -> [String] {
        var out: [String] = []
        for dir in [packageRoot.appendingPathComponent("Corpus/sample").path,
                    packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus/dev").path] {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir) else { continue }
            for n in names.sorted() where n.hasSuffix(".txt") {
                out.append(try String(contentsOfFile: dir + "/" + n, encoding: .utf8))
            }
        }
        return out
    }

    @Test func factsAnswerAsTheTablesDo() throws {
        let o = try realOntology.get()
        let texts = try Self.texts()
        #expect(texts.count >= 5)
        let wc = o.wordClasses
        let classes = [wc.relatives, wc.prepositions, wc.eventPrepositions, wc.clauseOpeners, wc.subjectPronouns, wc.prepPronouns,
                       wc.quantities, wc.countWords, wc.lossVerbs, wc.consequenceWords, wc.listingWords, wc.coordinationStops,
                       wc.positionNouns, wc.fighterNouns, wc.placeParts, wc.superlatives, wc.forcesAdjectives, wc.placeHeads,
                       wc.directions, wc.provisionalHeads, wc.notNames, wc.compoundStarts, wc.actorHeads, wc.quotedActorHeads,
                       wc.genericAdjectives, wc.targetPrepositions, wc.targetPrepositionPronouns]
        var asked = 0, cueHits = 0, classHits = 0, nameStarts = 0, pronounHits = 0, dayWords = 0
        for text in texts + texts {   // twice: the second time every form is a vocabulary hit
            let interned = o.tokenize(text).tokens
            let plain = Tokenizer.tokenize(text).tokens   // no facts attached: worked out on asking
            #expect(interned == plain)
            for (i, t) in interned.enumerated() {
                let p = plain[i]
                for type in CueType.allCases {
                    let expected = t.isWord && t.readings.contains { o.cues[$0]?.contains(type) ?? false }
                    #expect(o.isCue(type, t) == expected, "\(type) \(t.text)")
                    #expect(o.isCue(type, p) == expected)
                    if expected { cueHits += 1 }
                }
                for c in classes {
                    #expect(c.contains(t) == c.contains(t.text), "\(t.text)")
                    #expect(c.contains(p) == c.contains(t.text))
                    if c.contains(t) { classHits += 1 }
                    let link = Ontology.linkReadings(t).contains { c.contains($0) }
                    #expect(o.linkReading(of: t, isIn: c) == link)
                }
                let starts = Ontology.linkReadings(t).contains { o.lexicon.startsEntry($0) }
                #expect(o.mayStartName(t) == starts && o.mayStartName(p) == starts)
                if starts { nameStarts += 1 }
                #expect(o.mayBePlaceAnaphor(t) == (t.isWord && t.proclitics.contains { Ontology.placeAnaphorTypes[$0] != nil }))
                for type in [CueType.container, .light] {
                    let carries = t.isWord && t.readings.contains { r in Clitics.encliticReadings(r).contains { o.cues[$0.stem]?.contains(type) ?? false } }
                    #expect(o.mayCarryPronoun(t, after: type) == carries && o.mayCarryPronoun(p, after: type) == carries)
                    if carries { pronounHits += 1 }
                }
                let day = t.isWord && t.proclitics.contains(where: DayWords.namesDay)
                #expect(o.mayNameDay(t) == day && o.mayNameDay(p) == day, "\(t.text)")
                if day { dayWords += 1 }
                #expect(o.mayBeAnaphor(t) == Ontology.linkReadings(t).contains { o.anaphors[$0] != nil })
                let end = interned.count
                #expect(o.triggers(at: i, in: interned, end: end) == o.triggers(at: i, in: plain, end: end))
                let a = o.cueList(at: i, in: interned, end: end), b = o.cueList(at: i, in: plain, end: end)
                #expect(a.map(\.type) == b.map(\.type) && a.map(\.length) == b.map(\.length))
                asked += 1
            }
        }
        // The texts exercised every kind of fact.
        #expect(asked > 1000 && cueHits > 50 && classHits > 200 && nameStarts > 100 && pronounHits > 10 && dayWords > 5)
    }
}
