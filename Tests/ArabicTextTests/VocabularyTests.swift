import Testing
@testable import ArabicText

/// Texts of our own: a clitic written apart, a number, quotes, repeated words.
private let texts = [
    "قصفت الطائرات مواقع التنظيم، ثم قصفت الطائرات مواقع أخرى قرب المدينة.",
    "وقال المتحدث إن و 3 عناصر قتلوا في الهجوم على \"الحركة\" لـ التنظيم.",
    "والتنظيم ينفي. والتنظيم يتهم الحركة بالهجوم على المدينة؟",
]

@Suite struct VocabularyTests {
    /// One form is one lexeme, however often and in whichever text it occurs; a word and a number
    /// or a punctuation mark never share one; the analyser runs once per form.
    @Test func internsEachFormOnce() {
        var analysed: [String] = []
        let vocabulary = Vocabulary { l in analysed.append(l.text); return LexemeFacts(owner: 7, a: UInt64(l.text.utf8.count)) }
        let tokens = texts.flatMap { Tokenizer.tokenize($0, vocabulary: vocabulary).tokens }
        var byForm: [String: Lexeme] = [:]
        for t in tokens {
            let key = "\(t.kind)|\(t.text)"
            if let l = byForm[key] { #expect(l === t.lexeme) } else { byForm[key] = t.lexeme }
            #expect(t.lexeme.facts == LexemeFacts(owner: 7, a: UInt64(t.text.utf8.count)))
        }
        #expect(analysed.count == byForm.count)
        #expect(Set(analysed).count == analysed.count)
        #expect(vocabulary.misses == byForm.count)
        // Repeated words did repeat.
        #expect(byForm.count < tokens.count)
    }

    /// A lexeme's scalar count is its form's, counted once; the facts-attaching copy keeps it.
    @Test func scalarCountIsTheForms() {
        let vocabulary = Vocabulary { _ in LexemeFacts(owner: 3) }
        let tokens = (texts + ["ـمُدُنٌ 12.5 \u{0623}حمد"]).flatMap { Tokenizer.tokenize($0, vocabulary: vocabulary).tokens }
        for t in tokens { #expect(t.scalarCount == t.text.unicodeScalars.count, "\(t.text)") }
        #expect(tokens.contains { $0.scalarCount >= 5 } && tokens.contains { $0.scalarCount == 1 })
        let bare = Lexeme(kind: .word, text: "والحركة")
        #expect(bare.scalarCount == 7 && Lexeme(bare, facts: LexemeFacts(owner: 1)).scalarCount == 7)
    }

    /// `startsWithWaw` is the form's first letter being و, for every token, and survives `init(_:facts:)`.
    @Test func startsWithWawIsTheFirstLetter() {
        let vocabulary = Vocabulary { _ in LexemeFacts(owner: 3) }
        let tokens = (texts + ["وقال ولد و 12 ، وَالحركة الوطنية"]).flatMap { Tokenizer.tokenize($0, vocabulary: vocabulary).tokens }
        for t in tokens { #expect(t.lexeme.startsWithWaw == t.text.hasPrefix("و"), "\(t.text)") }
        #expect(tokens.contains { $0.lexeme.startsWithWaw } && tokens.contains { !$0.lexeme.startsWithWaw })
        let bare = Lexeme(kind: .word, text: "والحركة")
        #expect(bare.startsWithWaw && Lexeme(bare, facts: LexemeFacts(owner: 1)).startsWithWaw)
        #expect(!Lexeme(kind: .word, text: "الحركة").startsWithWaw)
    }

    /// Interning changes nothing a token reports: the same kinds, ranges, forms, readings and quotes
    /// as tokenizing each text on its own.
    @Test func sameTokensAsWithoutVocabulary() {
        let vocabulary = Vocabulary()
        for text in texts + texts {
            let a = Tokenizer.tokenize(text, vocabulary: vocabulary)
            let b = Tokenizer.tokenize(text)
            #expect(a.tokens == b.tokens)
            #expect(a.sentences == b.sentences)
            #expect(a.tokens.map(\.proclitics) == b.tokens.map(\.proclitics))
            #expect(a.tokens.map(\.readings) == b.tokens.map(\.readings))
            #expect(a.tokens.map(\.quoteAfter) == b.tokens.map(\.quoteAfter))
        }
        // A lone clitic glued onto the next word is that word's form with the clitic: لـ التنظيم.
        let glued = Tokenizer.tokenize(texts[1], vocabulary: vocabulary).tokens.map(\.text)
        #expect(glued.contains("لالتنظيم"))
        #expect(glued.contains("و"))   // before a number it stays a word of its own
    }

    /// Past its limit a vocabulary starts afresh; lexemes handed out before stay whole.
    @Test func boundedAndSafeAfterRestart() {
        let vocabulary = Vocabulary(limit: 4)
        let first = Tokenizer.tokenize(texts[0], vocabulary: vocabulary).tokens
        var later: [Token] = []
        for text in texts { later += Tokenizer.tokenize(text, vocabulary: vocabulary).tokens }
        #expect(vocabulary.table.count <= 4)
        #expect(first.map(\.text) == Tokenizer.tokenize(texts[0]).tokens.map(\.text))
        #expect(later.map(\.text) == texts.flatMap { Tokenizer.tokenize($0).tokens.map(\.text) })
    }

    /// A pool lends each thread its own vocabulary and keeps it for the next call.
    @Test func poolLendsAndKeeps() {
        let pool = VocabularyPool { Vocabulary() }
        let one = pool.with { v in ObjectIdentifier(v) }
        let again = pool.with { v in ObjectIdentifier(v) }
        #expect(one == again)
        let nested = pool.with { outer in pool.with { inner in outer === inner } }
        #expect(!nested)
    }
}
