import Testing
import ActorGraphModel
import ArabicText
import Ontology
@testable import Linking

/// `Linker.hasWord` reads the words of a normalized name in place; it must answer what splitting
/// the name into words and taking each one's article off (`Clitics.withoutArticle`) answers.
@Suite("A name's head word, read in place")
struct HasWordTests {
    /// The definition `hasWord` replaces: split, copy, strip, compare.
    func bySplitting(_ text: String, _ head: String) -> Bool {
        text.utf8.split(separator: 0x20).contains { Clitics.withoutArticle(String(Substring($0))).utf8Equals(head) }
    }

    @Test("agrees with splitting the name into words")
    func agreesWithSplitting() {
        let names = ["جيش الاسلام", "الجيش الحر", "الجيش", "ال", "الي", "الام", "حزب الله", "قوات سوريا الديمقراطيه",
                     "", " ", "الحركه  الاسلاميه", "ا ل", "جيش", "الجيشين الاثنين", "x الجيش y"]
        let heads = ["جيش", "الجيش", "حزب", "ال", "الي", "ام", "الام", "حركه", "الله", "له", "", "x", "y", "جيشين"]
        for name in names {
            for head in heads {
                #expect(Linker.hasWord(name, withoutArticle: head) == bySplitting(name, head), "\(name) / \(head)")
            }
        }
        // And the cases it is for: the anaphor's head is a word of the name, article or not.
        #expect(Linker.hasWord("جيش الاسلام", withoutArticle: "جيش"))
        #expect(Linker.hasWord("الجيش الوطني", withoutArticle: "جيش"))
        #expect(!Linker.hasWord("جيشان", withoutArticle: "جيش"))
    }

    /// `withoutPlaceHead` normalizes the head word into bytes: written with ة, a hamza or diacritics,
    /// or in quotes, a head word is still one; a word that only starts like one is not.
    @Test("a place's generic head word is dropped however it is written")
    func placeHeadDropped() throws {
        let linker = Linker(ontology: try realOntology.get())
        #expect(linker.withoutPlaceHead("مدينة البوكمال") == "البوكمال")
        #expect(linker.withoutPlaceHead("مَدِينَة البوكمال") == "البوكمال")
        #expect(linker.withoutPlaceHead("محافظة دير الزور") == "دير الزور")
        #expect(linker.withoutPlaceHead("\"بلدة\" الباب") == "الباب")
        #expect(linker.withoutPlaceHead("دير الزور") == "دير الزور")
        #expect(linker.withoutPlaceHead("مدينتين اثنتين") == "مدينتين اثنتين")
        #expect(linker.withoutPlaceHead("البوكمال") == "البوكمال")
    }
}
