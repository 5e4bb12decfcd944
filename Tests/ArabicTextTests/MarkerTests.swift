import Testing
@testable import ArabicText

/// The grammatical words and marks the frames test by `Token.marker`.
@Suite struct MarkerTests {
    /// Every marker is a token's form, as the tokenizer writes it (folded: a literal no token could
    /// ever equal would silently never match), and the forms are distinct.
    @Test func everyFormIsATokensAndDistinct() {
        var seen = Set<[UInt8]>()
        for marker in Marker.allCases where marker != .none {
            let tokens = Tokenizer.tokenize(marker.form).tokens
            #expect(tokens.map(\.text) == [marker.form], "\(marker) \(marker.form)")
            #expect(tokens.map(\.marker) == [marker])
            #expect(seen.insert(Array(marker.form.utf8)).inserted, "\(marker)")
            #expect(Marker(form: marker.form) == marker)
        }
        #expect(Marker(form: "التنظيم") == Marker.none)
        #expect(Marker(form: "") == Marker.none)
    }

    /// A token's marker is that of its normalized text, with or without a vocabulary: على and جرى as
    /// written reach the folded forms; a word that only begins with one (منها، معركة) is none.
    @Test func tokensCarryTheMarkerOfTheirForm() {
        let text = "وقال مصدر إن القصف جرى على مواقع التنظيم، من جهة الشمال (قرب المدينة) منها معركة وقد انسحب."
        let vocabulary = Vocabulary()
        for tokens in [Tokenizer.tokenize(text).tokens, Tokenizer.tokenize(text, vocabulary: vocabulary).tokens] {
            let marked = tokens.filter { $0.marker != .none }.map(\.marker)
            #expect(marked == [.jara, .ala, .arabicComma, .min, .jiha, .openParenthesis, .closeParenthesis, .waqad], "\(marked)")
            for t in tokens { #expect(t.marker == Marker(form: t.text)) }
        }
    }
}
