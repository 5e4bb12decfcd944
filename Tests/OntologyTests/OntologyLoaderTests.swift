import Foundation
import Testing
import ActorGraphModel
import Ontology

@Suite("Loading the real ontology")
struct RealOntologyTests {
    @Test func loads() throws {
        let o = try realOntology.get()
        #expect(o.counts.actors >= 60)
        #expect(o.counts.aliases >= 1000)
        #expect(o.counts.triggers > 0 && o.counts.triggerForms > o.counts.triggers)
        #expect(o.anaphors.count >= 15)
    }

    @Test(.enabled(if: hasSharedFolder, "../shared/ontology/canonical-ids.tsv is not present"))
    func everyCanonicalIDIsAnActorOfTheSameKind() throws {
        let o = try realOntology.get()
        let text = try String(contentsOfFile: canonicalIDsPath, encoding: .utf8)
        var lines = text.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#") && !$0.isEmpty }
        let header = lines.removeFirst().split(separator: "\t").map(String.init)
        let idCol = try #require(header.firstIndex(of: "id"))
        let kindCol = try #require(header.firstIndex(of: "kind"))
        #expect(lines.count >= 50)
        for line in lines {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            let id = f[idCol], kind = f[kindCol]
            let node = o.node(NodeID(id))
            #expect(node != nil, "canonical id \(id) is not in actors.tsv")
            #expect(node?.kind.rawValue == kind, "\(id): kind \(node?.kind.rawValue ?? "-"), canonical \(kind)")
        }
    }

    @Test func atLeastThreeHundredPlaces() throws {
        let o = try realOntology.get()
        #expect(o.counts.places >= 300)
        #expect(o.nodes.values.filter { $0.kind == .location }.count == o.counts.places)
        #expect(o.node(NodeID("sy_albukamal"))?.kind == .location)
    }

    @Test("resolve(name:) finds the actor", arguments: [
        ("داعش", "ISIS"),
        ("تنظيم الدولة", "ISIS"),
        ("ISIS", "ISIS"),
        ("isis", "ISIS"),
        ("قسد", "SDF"),
        ("SDF", "SDF"),
        ("Syrian Democratic Forces", "SDF"),
        ("قوات سوريا الديموقراطية", "SDF"),
        ("قوات سوريا الديمقراطية", "SDF"),
        ("HTS", "HTS"),
        ("هيئة تحرير الشام", "HTS"),
        ("هَيْئَة تَحْرِير الشَّام", "HTS"),
        ("والقوات الروسية", "RUSSIA"),
        ("البوكمال", "sy_albukamal"),
    ])
    func resolve(_ name: String, _ id: String) throws {
        let o = try realOntology.get()
        #expect(o.resolve(name: name) == [NodeID(id)])
    }

    @Test func unknownNameResolvesToNothing() throws {
        let o = try realOntology.get()
        #expect(o.resolve(name: "جماعة لا وجود لها").isEmpty)
        #expect(o.resolve(name: "").isEmpty)
    }

    @Test func suggestionsForAMisspelling() throws {
        let o = try realOntology.get()
        let s = o.suggestions(for: "داعس")
        #expect(s.count == 5)
        #expect(s.contains { $0.name == "داعش" && $0.node == NodeID("ISIS") })
        #expect(s.first?.node == NodeID("ISIS"))
    }

    @Test func verbInflection() {
        let forms = Inflection.verbForms("هاجم")
        for f in ["هاجم", "هاجمت", "هاجموا", "يهاجم", "تهاجم", "يهاجمون", "نهاجم"] {
            #expect(forms.contains(f), "\(f) missing from \(forms)")
        }
        #expect(Inflection.verbForms("استهدف").contains("يستهدف"))
        #expect(Inflection.verbForms("استهدف").contains("استهدفت"))
    }

    @Test func nounInflection() {
        #expect(Inflection.nounForms("هجوم") == ["هجوم", "هجوما"])
        #expect(Inflection.nounForms("غاره") == ["غاره"])
    }

    @Test func inflectedTriggerIsInTheTrie() throws {
        let o = try realOntology.get()
        let hits = o.triggers.lookup(["هاجموا"])
        #expect(hits.contains { $0.relation == .attacked && $0.frame == .verb && $0.lemma == "هاجم" })
    }
}

@Suite("Loader errors name the file and line")
struct LoaderErrorTests {
    @Test func theCopyLoads() throws {
        let copy = try OntologyCopy()
        #expect(copy.loadError() == nil)
    }

    /// Files saved with Windows line ends (CR LF) load as the same ontology, and a row's error
    /// still names its line.
    @Test func windowsLineEndsLoadTheSameOntology() throws {
        let copy = try OntologyCopy()
        let original = try Ontology.load(directory: copy.path)
        for file in Ontology.fileNames where file.hasSuffix(".tsv") {
            try copy.write(file, try copy.read(file).replacingOccurrences(of: "\n", with: "\r\n"))
        }
        let crlf = try Ontology.load(directory: copy.path)
        let a = original.counts, b = crlf.counts
        let before: [Int] = [a.actors, a.aliases, a.places, a.placeNames, a.anaphors, a.triggers, a.triggerForms, a.cues]
        let after: [Int] = [b.actors, b.aliases, b.places, b.placeNames, b.anaphors, b.triggers, b.triggerForms, b.cues]
        #expect(before == after)
        #expect(crlf.resolve(name: "قوات سوريا الديمقراطية") == original.resolve(name: "قوات سوريا الديمقراطية"))
        #expect(!crlf.resolve(name: "قوات سوريا الديمقراطية").isEmpty)

        let lines = Array(try copy.read("aliases.tsv").utf8).split(separator: 0x0A, omittingEmptySubsequences: false).count
        try copy.write("aliases.tsv", try copy.read("aliases.tsv") + "NO_SUCH_GROUP\tجماعة وهمية\tname\r\n")
        let e = try #require(copy.loadError())
        #expect(e.line == lines)
        #expect(e.message.contains("NO_SUCH_GROUP"))
    }

    @Test func aliasGivenToTwoActors() throws {
        let copy = try OntologyCopy()
        let line = try copy.append("aliases.tsv", ["HTS", "داعش", "abbrev"])
        let e = try #require(copy.loadError())
        #expect(e.file?.hasSuffix("/aliases.tsv") == true)
        #expect(e.line == line)
        #expect(e.message.contains("ISIS"))
    }

    @Test func aliasGivenToTwoActorsAfterNormalization() throws {
        let copy = try OntologyCopy()
        let line = try copy.append("aliases.tsv", ["SDF", "دَاعِــش", "variant"])
        let e = try #require(copy.loadError())
        #expect(e.file?.hasSuffix("/aliases.tsv") == true)
        #expect(e.line == line)
    }

    @Test func unknownIDInAliases() throws {
        let copy = try OntologyCopy()
        let line = try copy.append("aliases.tsv", ["NO_SUCH_GROUP", "جماعة وهمية", "name"])
        let e = try #require(copy.loadError())
        #expect(e.file?.hasSuffix("/aliases.tsv") == true)
        #expect(e.line == line)
        #expect(e.message.contains("NO_SUCH_GROUP"))
    }

    @Test func unknownKind() throws {
        let copy = try OntologyCopy()
        let line = try copy.append("actors.tsv", ["FAKE_GROUP", "militia", "جماعة وهمية", "Fake group"])
        let e = try #require(copy.loadError())
        #expect(e.file?.hasSuffix("/actors.tsv") == true)
        #expect(e.line == line)
        #expect(e.message.contains("militia"))
    }

    @Test func actorOfKindLocationRefused() throws {
        let copy = try OntologyCopy()
        let line = try copy.append("actors.tsv", ["FAKE_PLACE", "location", "مكان وهمي", "Fake place"])
        let e = try #require(copy.loadError())
        #expect(e.file?.hasSuffix("/actors.tsv") == true)
        #expect(e.line == line)
    }

    @Test func unknownAliasType() throws {
        let copy = try OntologyCopy()
        let line = try copy.append("aliases.tsv", ["ISIS", "جماعة البغدادي الجديدة", "nickname"])
        let e = try #require(copy.loadError())
        #expect(e.file?.hasSuffix("/aliases.tsv") == true)
        #expect(e.line == line)
        #expect(e.message.contains("nickname"))
    }

    @Test("bad strength in patterns.tsv", arguments: ["1.5", "0", "-0.2", "strong"])
    func badStrength(_ strength: String) throws {
        let copy = try OntologyCopy()
        let line = try copy.append("patterns.tsv", ["attacked", "verb", "verb", "هاجم", strength, "-"])
        let e = try #require(copy.loadError())
        #expect(e.file?.hasSuffix("/patterns.tsv") == true)
        #expect(e.line == line)
        #expect(e.message.contains("strength"))
    }

    @Test func unknownWordClass() throws {
        let copy = try OntologyCopy()
        let line = try copy.append("wordclasses.tsv", ["adverb", "سريعا|بطيئا"])
        let e = try #require(copy.loadError())
        #expect(e.file?.hasSuffix("/wordclasses.tsv") == true)
        #expect(e.line == line)
        #expect(e.message.contains("adverb"))
    }

    @Test func wordClassFormOfTwoWords() throws {
        let copy = try OntologyCopy()
        let line = try copy.append("wordclasses.tsv", ["relative", "التي هي"])
        let e = try #require(copy.loadError())
        #expect(e.file?.hasSuffix("/wordclasses.tsv") == true)
        #expect(e.line == line)
    }

    @Test func missingWordClass() throws {
        let copy = try OntologyCopy()
        let text = try copy.read("wordclasses.tsv")
        try copy.write("wordclasses.tsv", text.split(separator: "\n").filter { !$0.hasPrefix("relative\t") }.joined(separator: "\n"))
        let e = try #require(copy.loadError())
        #expect(e.file?.hasSuffix("/wordclasses.tsv") == true)
        #expect(e.message.contains("relative"))
    }

    @Test func wordClassesAreFolded() throws {
        let o = try realOntology.get()
        #expect(o.wordClasses.relatives.contains("التي"))
        #expect(o.wordClasses.prepositions.contains("علي"))        // على, folded
        #expect(o.wordClasses.placeHeads.contains("مدينه"))
        // The prepositions that introduce an attack's target, bare and with a pronoun, apart.
        #expect(o.wordClasses.targetPrepositions.contains("علي") && o.wordClasses.targetPrepositions.contains("وعلي"))
        #expect(!o.wordClasses.targetPrepositions.contains("عليها"))
        #expect(o.wordClasses.targetPrepositionPronouns.contains("عليها") && o.wordClasses.targetPrepositionPronouns.contains("ضدهم"))
    }

    @Test func missingHeaderColumn() throws {
        let copy = try OntologyCopy()
        let line = try copy.replaceHeader("cues.tsv", with: ["type", "form"])
        let e = try #require(copy.loadError())
        #expect(e.file?.hasSuffix("/cues.tsv") == true)
        #expect(e.line == line)
        #expect(e.message.contains("forms"))
    }

    @Test func missingHeaderColumnInPlaces() throws {
        let copy = try OntologyCopy()
        let line = try copy.replaceHeader("places.tsv", with: ["id", "name_ar", "name_en", "type", "country", "parent"])
        let e = try #require(copy.loadError())
        #expect(e.file?.hasSuffix("/places.tsv") == true)
        #expect(e.line == line)
        #expect(e.message.contains("variants"))
    }

    @Test func rowWithTooManyFields() throws {
        let copy = try OntologyCopy()
        let line = try copy.append("anaphors.tsv", ["الكتيبة", "FATEMIYOUN", "-", "extra"])
        let e = try #require(copy.loadError())
        #expect(e.file?.hasSuffix("/anaphors.tsv") == true)
        #expect(e.line == line)
        #expect(e.message.contains("4 fields"))
    }

    @Test func emptyRequiredField() throws {
        let copy = try OntologyCopy()
        let line = try copy.append("aliases.tsv", ["ISIS", "", "name"])
        let e = try #require(copy.loadError())
        #expect(e.file?.hasSuffix("/aliases.tsv") == true)
        #expect(e.line == line)
    }

    @Test func missingFileIsNamed() throws {
        let copy = try OntologyCopy()
        try FileManager.default.removeItem(atPath: copy.path + "/cues.tsv")
        let e = try #require(copy.loadError())
        #expect(e.file?.hasSuffix("/cues.tsv") == true)
        #expect(e.line == nil)
    }
}
