import ArabicText
import Testing

@Suite("Scraped text: markup, entities, bidi controls, invalid UTF-8")
struct MarkupAndEncodingTests {
    @Test("tags, comments and scripts are not words; entities are the characters they stand for")
    func markupIsNotText() {
        let html = "<div class=\"x\"><p>قصفت&nbsp;الطائرات <b>الروسية</b> مواقع &quot;التنظيم&quot;</p><!-- <p>داعش</p> -->"
            + "<script type=\"text/javascript\">var t = \"قسد\";</script>في&#32;الرقة&#x2e;</div>"
        let tt = Tokenizer.tokenize(html)
        #expect(tt.tokens.filter(\.isWord).map(\.text) == ["قصفت", "الطايرات", "الروسيه", "مواقع", "التنظيم", "في", "الرقه"])
        // The entity quotes flag the quoted word like real quotes.
        let quoted = tt.tokens.first { $0.text == "التنظيم" }
        #expect(quoted?.quoteBefore == true && quoted?.quoteAfter == true)
        // Ranges still point at the original bytes.
        for t in tt.tokens where t.isWord {
            #expect(ArabicNormalizer.normalize(slice(html, t.range)) == t.text)
        }
    }

    @Test("a block tag ends the sentence, an inline tag does not")
    func blockTagsBreakSentences() {
        #expect(Tokenizer.tokenize("هاجم التنظيم<br/>قصفت الطائرات").sentences.count == 2)
        #expect(Tokenizer.tokenize("هاجم <a href='x'>التنظيم</a> المواقع").sentences.count == 1)
    }

    @Test("a lone < or & is punctuation, not markup", arguments: [
        "قتل 3 < 5 عناصر", "مقاتلون & مدنيون", "&unknownentity; نص", "<3 داعش",
    ])
    func loneMarkupCharactersAreKept(_ text: String) {
        let words = Tokenizer.tokenize(text).tokens.filter(\.isWord).map(\.text)
        #expect(words.contains { $0 == "داعش" || $0 == "نص" || $0 == "مدنيون" || $0 == "عناصر" })
    }

    @Test("bidi controls inside and around names change nothing", arguments: [
        "\u{200E}", "\u{200F}", "\u{202A}", "\u{202B}", "\u{202C}", "\u{202D}", "\u{202E}",
        "\u{2066}", "\u{2067}", "\u{2068}", "\u{2069}",
    ])
    func bidiControlsAreInvisible(_ mark: String) {
        let clean = "قصفت الطائرات الروسية مواقع تنظيم الدولة"
        let marked = "قصفت \(mark)الطائرات الروسية\(mark) مواقع تنظ\(mark)يم الدولة\(mark)"
        #expect(words(marked) == words(clean))
    }

    @Test("ill-formed UTF-8 is found at its byte offset", arguments: [
        ([0x41, 0xFF, 0x42], [1]),                       // a byte that never occurs
        ([0xD8, 0xA7, 0x80], [2]),                       // a stray continuation byte
        ([0xD8], [0]),                                   // a truncated sequence at the end
        ([0xC0, 0xAF], [0]),                             // an overlong '/'
        ([0xED, 0xA0, 0x80, 0x41], [0]),                 // a surrogate
        ([0xF4, 0x90, 0x80, 0x80], [0]),                 // past U+10FFFF
        ([0xD8, 0xA7, 0xD8, 0xA8], []),                  // well-formed Arabic
    ] as [([UInt8], [Int])])
    func invalidUTF8(_ bytes: [UInt8], _ offsets: [Int]) {
        let found = bytes.withUnsafeBufferPointer { UTF8Validation.invalidSequences($0) }
        #expect(found.offsets == offsets)
        #expect(found.count == offsets.count)
    }
}
