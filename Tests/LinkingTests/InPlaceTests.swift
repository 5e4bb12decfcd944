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

/// `Linker.surface` with a worker's cache gives the form it makes without one, also when the same
/// bytes are read from another letter (a proclitic dropped or kept, an article restored).
@Suite("Surface forms, cached")
struct SurfaceCacheTests {
    @Test("a cached form is the form made afresh")
    func cachedFormsAreTheSame() throws {
        let ontology = try realOntology.get()
        let linker = Linker(ontology: ontology)
        let text = "قصف الجيش السوري مواقع للجيش الحر، وقال الجيش إن \"الجيش\" تقدم. ولالجيش والجيش بالجيش وللجيش وال جيش في مدينة الباب وبمدينة الباب"
        let tokens = ontology.tokenize(text).tokens
        let cache = SurfaceCache()
        var compared = 0, placeForms = 0
        for i in tokens.indices where tokens[i].isWord {
            for length in 1...3 where i + length <= tokens.count {
                for reading in tokens[i].proclitics + tokens[i].readings {
                    let fresh = linker.surface(text, tokens, i..<(i + length), firstReading: reading)
                    // Twice: made and remembered, then found.
                    #expect(linker.surface(text, tokens, cache: cache, i..<(i + length), firstReading: reading) == fresh)
                    #expect(linker.surface(text, tokens, cache: cache, i..<(i + length), firstReading: reading) == fresh)
                    // The same span as a place's form: its own entry, the head noun dropped, and the
                    // plain form still found as it was.
                    let place = linker.withoutPlaceHead(fresh)
                    #expect(linker.surface(text, tokens, cache: cache, i..<(i + length), firstReading: reading, withoutPlaceHead: true) == place)
                    #expect(linker.surface(text, tokens, cache: cache, i..<(i + length), firstReading: reading, withoutPlaceHead: true) == place)
                    #expect(linker.surface(text, tokens, cache: cache, i..<(i + length), firstReading: reading) == fresh)
                    #expect(linker.surface(text, tokens, i..<(i + length), firstReading: reading, withoutPlaceHead: true) == place)
                    if place != fresh { placeForms += 1 }
                    compared += 1
                }
            }
        }
        #expect(compared > 50)
        #expect(placeForms > 0)
        // A whole document linked twice by one linker (its cache warm the second time) and once by another.
        let document = Document(id: "d", text: text)
        let first = linker.link(document).mentions, second = linker.link(document).mentions
        #expect(first == second)
        #expect(first == Linker(ontology: ontology).link(document).mentions)
    }
}
