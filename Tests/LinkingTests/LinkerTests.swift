import Foundation
import Testing
import ActorGraphModel
import ArabicText
import Ontology
import Linking

/// The package root: this file is Tests/LinkingTests/LinkerTests.swift.
let ontologyDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Ontology").path

/// The real ontology, loaded once for the whole target.
let realOntology: Result<Ontology, any Error> = Result { try Ontology.load(directory: ontologyDirectory) }

func link(_ text: String) throws -> LinkedDocument {
    Linker(ontology: try realOntology.get()).link(Document(id: "test", text: text))
}

/// The original text under a UTF-8 byte range.
func slice(_ text: String, _ range: Range<Int>) -> String {
    String(decoding: Array(text.utf8)[range], as: UTF8.self)
}

extension LinkedDocument {
    /// The mentions of `id`.
    func mentions(of id: String) -> [Mention] { mentions.filter { $0.node == NodeID(id) } }
    /// The mention covering the first token whose normalized text is `word`.
    func mention(at word: String) -> Mention? {
        let w = ArabicNormalizer.normalize(word)
        guard let i = tokens.firstIndex(where: { $0.text == w }), mentionAt[i] >= 0 else { return nil }
        return mentions[mentionAt[i]]
    }
}

@Suite("Linker")
struct LinkerTests {
    // MARK: Longest match

    @Test func longestAliasWins() throws {
        let d = try link("أعلنت قوات سوريا الديمقراطية سيطرتها على القرية.")
        let sdf = d.mentions(of: "SDF")
        #expect(sdf.count == 1)
        let m = try #require(sdf.first)
        #expect(m.tokens.count == 3)
        #expect(m.surface == "قوات سوريا الديمقراطية")
        #expect(m.via == .alias)
        #expect(m.kind == .armedGroup)
        // No shorter alias or place inside it.
        #expect(d.mentions.filter { $0.tokens.overlaps(m.tokens) }.count == 1)
    }

    @Test func longestAliasWithSpellingVariant() throws {
        let d = try link("هاجمت «قوات سورية الديموقراطية» مواقع التنظيم")
        let m = try #require(d.mentions(of: "SDF").first)
        #expect(m.tokens.count == 3)
        #expect(d.mentions(of: "SDF").count == 1)
    }

    // MARK: Clitics

    @Test func conjunctionOnFirstWord() throws {
        let text = "انسحب الجيش والقوات الروسية من القرية"
        let d = try link(text)
        let m = try #require(d.mentions(of: "RUSSIA").first)
        #expect(m.tokens.count == 2)
        #expect(m.surface == "القوات الروسية")
        #expect(slice(text, m.span) == "والقوات الروسية")
    }

    @Test func separatedLamBeforeQuotedName() throws {
        let text = "انضم مقاتلون لـ تنظيم \"الدولة\" في البادية"
        let d = try link(text)
        let m = try #require(d.mentions(of: "ISIS").first)
        #expect(m.tokens.count == 2)
        #expect(m.via == .alias)
        #expect(m.surface == "تنظيم الدولة")
        #expect(slice(text, m.span) == "لـ تنظيم \"الدولة")
    }

    @Test func prepositionOnPlace() throws {
        let d = try link("قتل ثلاثة أشخاص بقصف مدفعي بالبوكمال")
        let m = try #require(d.mention(at: "بالبوكمال"))
        #expect(m.node == NodeID("sy_albukamal"))
        #expect(m.kind == .location)
        #expect(m.via == .place)
        #expect(m.surface == "البوكمال")
    }

    @Test func lamLamOnActor() throws {
        let d = try link("وجه المرصد انتقادات للقوات الروسية")
        let m = try #require(d.mentions(of: "RUSSIA").first)
        #expect(m.surface == "القوات الروسية")
    }

    // MARK: Spelling variants

    @Test func diacriticsAndTatweel() throws {
        let d = try link("سَيْطَرَتْ هَيْئَةُ تَحْرِيرِ الشَّامِ عَلَى البَلْدَةِ. وهاجم داعــش حاجزا.")
        #expect(d.mentions(of: "HTS").count == 1)
        #expect(d.mentions(of: "HTS").first?.surface == "هَيْئَةُ تَحْرِيرِ الشَّامِ")
        #expect(d.mentions(of: "ISIS").count == 1)
    }

    @Test func hamzaAndAlefMaqsuraVariants() throws {
        let d = try link("قال تنظيم الدولة الاسلامية إن ايران تدعم النظام، وظهر البغدادى في تسجيل")
        #expect(d.mentions(of: "ISIS").first?.tokens.count == 3)
        #expect(d.mentions(of: "IRAN").count == 1)
        #expect(d.mentions(of: "ABU_BAKR_AL_BAGHDADI").count == 1)
    }

    // MARK: Anaphors

    @Test func anaphorTakesTheActorNamedBefore() throws {
        let d = try link("سيطرت هيئة تحرير الشام على القرية. وقالت الهيئة إنها صدت الهجوم.")
        let hts = d.mentions(of: "HTS")
        #expect(hts.count == 2)
        #expect(hts.map(\.via) == [.alias, .anaphor])
        #expect(hts.map(\.sentence) == [0, 1])
    }

    @Test func anaphorWithoutAntecedentFallsBack() throws {
        let d = try link("تبنى التنظيم الهجوم على الحاجز")
        let m = try #require(d.mention(at: "التنظيم"))
        #expect(m.node == NodeID("ISIS"))
        #expect(m.via == .anaphor)
    }

    @Test func anaphorPrefersTheMostRecentCandidate() throws {
        let d = try link("أصدر تنظيم القاعدة بيانا. وقال التنظيم إنه لن يتراجع.")
        let m = try #require(d.mention(at: "التنظيم"))
        #expect(m.node == NodeID("AL_QAEDA"))
        #expect(m.via == .anaphor)
    }

    @Test func anaphorWithoutFallbackStaysUnlinked() throws {
        let d = try link("أصدرت الهيئة بيانا")
        #expect(d.mentions.isEmpty)
    }

    @Test func regimeIsTheSyrianGovernment() throws {
        let d = try link("اتهم ناشطون النظام بقصف المدينة")
        let m = try #require(d.mention(at: "النظام"))
        #expect(m.node == NodeID("SYRIAN_GOVERNMENT"))
        #expect(m.kind == .state)
    }

    // MARK: Metonyms

    @Test func capitalAsGovernmentAfterAllyWord() throws {
        let d = try link("أرسلت روسيا وإيران، حليفتا دمشق، تعزيزات إلى المنطقة.")
        #expect(d.mentions(of: "RUSSIA").count == 1)
        #expect(d.mentions(of: "IRAN").count == 1)
        let m = try #require(d.mention(at: "دمشق"))
        #expect(m.node == NodeID("SYRIAN_GOVERNMENT"))
        #expect(m.via == .metonym)
    }

    @Test func capitalAsGovernmentAfterListedAllyWord() throws {
        let d = try link("أرسلت روسيا، حليفة دمشق، تعزيزات إلى المنطقة.")
        let m = try #require(d.mention(at: "دمشق"))
        #expect(m.node == NodeID("SYRIAN_GOVERNMENT"))
        #expect(m.via == .metonym)
    }

    @Test func capitalAfterPlaceWordIsAPlace() throws {
        let d = try link("استمر القصف جنوب دمشق طوال الليل")
        let m = try #require(d.mention(at: "دمشق"))
        #expect(m.node == NodeID("sy_damascus"))
        #expect(m.kind == .location)
        #expect(m.via == .place)
    }

    @Test func capitalAfterPrepositionIsAPlace() throws {
        let d = try link("وصل الوفد إلى دمشق أمس")
        #expect(d.mention(at: "دمشق")?.node == NodeID("sy_damascus"))
    }

    @Test func capitalAfterSpeechVerbIsTheGovernment() throws {
        let d = try link("قالت أنقرة إن عملياتها ستستمر")
        let m = try #require(d.mention(at: "أنقرة"))
        #expect(m.node == NodeID("TURKEY"))
        #expect(m.via == .metonym)
        #expect(m.kind == .state)
    }

    @Test func capitalWithoutPlaceEntryOutsideActorPositionIsNothing() throws {
        let d = try link("سافر الوزير نحو أنقرة")
        #expect(d.mention(at: "أنقرة") == nil)
    }

    @Test func capitalAfterDualAllyWordInGenitive() throws {
        let d = try link("أرسلت روسيا وإيران حليفتي دمشق تعزيزات")
        #expect(d.mention(at: "دمشق")?.node == NodeID("SYRIAN_GOVERNMENT"))
        #expect(d.mention(at: "دمشق")?.via == .metonym)
    }

    @Test func capitalAfterBackedFrom() throws {
        let d = try link("هاجمت الميليشيات المدعومة من طهران مواقع المعارضة")
        let m = try #require(d.mention(at: "طهران"))
        #expect(m.node == NodeID("IRAN"))
        #expect(m.via == .metonym)
    }

    @Test func capitalGluedToLamAfterLinkingWord() throws {
        let d = try link("انسحبت الفصائل الداعمة لدمشق من المدينة")
        let m = try #require(d.mention(at: "لدمشق"))
        #expect(m.node == NodeID("SYRIAN_GOVERNMENT"))
        #expect(m.via == .metonym)
        #expect(m.surface == "دمشق")
    }

    @Test func capitalAfterLedBy() throws {
        let d = try link("شن التحالف بقيادة واشنطن غارات على المدينة")
        #expect(d.mention(at: "واشنطن")?.node == NodeID("UNITED_STATES"))
    }

    @Test func capitalAfterSpeechVerbWithConjunction() throws {
        let d = try link("وقالت أنقرة إنها سترد")
        #expect(d.mention(at: "أنقرة")?.node == NodeID("TURKEY"))
    }

    @Test func capitalAsSubjectBeforeAVerb() throws {
        let d = try link("موسكو تتهم واشنطن بدعم الإرهاب")
        #expect(d.mention(at: "موسكو")?.node == NodeID("RUSSIA"))
        #expect(d.mention(at: "موسكو")?.via == .metonym)
    }

    @Test func conjunctionBeforeNameStartingWithWaw() throws {
        let d = try link("اشتبكت قسد ووحدات حماية الشعب مع الفصائل")
        let m = try #require(d.mentions(of: "YPG").first)
        #expect(m.tokens.count == 3)
        #expect(m.surface == "وحدات حماية الشعب")
        #expect(d.mentions(of: "SDF").count == 1)
    }

    // MARK: Positions

    @Test func sentenceIndexAndSpans() throws {
        let text = """
        قصفت الطائرات الروسية مواقع لـ تنظيم "الدولة" قرب البوكمال. \
        وردت هيئة تحرير الشام بهجوم على مواقع النظام!
        ثم قالت الهيئة إن قسد انسحبت من الرقة؟ لم يعلق التنظيم.
        """
        let d = try link(text)
        #expect(d.sentences.count == 4)
        let expected: [(String, Int)] = [
            ("RUSSIA", 0), ("ISIS", 0), ("sy_albukamal", 0),
            ("HTS", 1), ("SYRIAN_GOVERNMENT", 1),
            ("HTS", 2), ("SDF", 2), ("sy_raqqa", 2),
            ("ISIS", 3),
        ]
        #expect(d.mentions.map(\.node.rawValue) == expected.map(\.0))
        #expect(d.mentions.map(\.sentence) == expected.map(\.1))
        for (k, m) in d.mentions.enumerated() {
            let original = slice(text, m.span)
            #expect(ArabicNormalizer.normalize(original).contains(ArabicNormalizer.normalize(m.surface)),
                    "\(m.node): span \(original) vs surface \(m.surface)")
            #expect(d.sentences[m.sentence].bytes.lowerBound <= m.span.lowerBound)
            #expect(m.span.upperBound <= d.sentences[m.sentence].bytes.upperBound)
            #expect(d.sentences[m.sentence].tokens.contains(m.tokens.lowerBound))
            for t in m.tokens {
                #expect(d.mentionAt[t] == k)
                #expect(d.sentenceOf[t] == m.sentence)
            }
        }
        // Spans of unquoted, clitic-free mentions are exactly the surface.
        #expect(d.mentions.filter { $0.node == NodeID("SDF") }.map { slice(text, $0.span) } == ["قسد"])
        #expect(d.mentions.filter { $0.node == NodeID("RUSSIA") }.map { slice(text, $0.span) } == ["الطائرات الروسية"])
    }

    @Test func parenthesisDepth() throws {
        let d = try link("هاجمت قوات النظام (بدعم من روسيا) البلدة")
        let m = try #require(d.mentions(of: "RUSSIA").first)
        #expect(d.depth[m.tokens.lowerBound] == 1)
        #expect(d.depth[0] == 0)
        #expect(d.depth.last == 0)
    }

    // MARK: Distractors

    @Test func englishAliasWithHyphenMatches() throws {
        let d = try link("تعرف الجماعة بالإنجليزية باسم Hayat Tahrir al-Sham منذ سنوات")
        #expect(d.mentions(of: "HTS").count == 1)
    }

    @Test func englishWordIsIsNotTheIslamicState() throws {
        let d = try link("كتب المتحدث بالإنجليزية: this is not true")
        #expect(d.mentions(of: "ISIS").isEmpty)
    }

    @Test func newsAgencyIsNoArmedGroup() throws {
        let d = try link("نقلت وكالة تسنيم عن مصدر عسكري أن الاشتباكات توقفت")
        let i = try #require(d.tokens.firstIndex { $0.text == "تسنيم" })
        #expect(d.mentionAt[i] == -1)
        #expect(!d.mentions.contains { $0.kind == .armedGroup })
    }
}
