import Testing
import ArabicText

/// The original text under a UTF-8 byte range.
func slice(_ text: String, _ range: Range<Int>) -> String {
    let bytes = Array(text.utf8)
    return String(decoding: bytes[range], as: UTF8.self)
}

func words(_ text: String) -> [String] {
    Tokenizer.tokenize(text).tokens.map(\.text)
}

@Suite("Tokenizer")
struct TokenizerTests {
    @Test("token ranges point at the original bytes", arguments: [
        "قصفت الطائرات الروسية مواقع المعارضة في ريف إدلب.",
        "هَاجَمَ مُسَلَّحُو التَّنْظِيمِ نُقْطَةً عَسْكَرِيَّةً",
        "أعلنت «قــوات سوريا الديمقراطية» سيطرتها على الــرقة!",
        "قال “المرصد” إن ١٢ مدنيا قتلوا، و۳ جرحوا؛ (بحسب مصادر محلية)",
        "\u{202B}ISIS\u{202C} و'داعش' اسمان لتنظيم واحد؟",
        "تقدم الجيش 3.5 كيلومتر نحو پالمیرا\nثم توقف",
    ])
    func rangesMatchOriginal(_ text: String) {
        let tt = Tokenizer.tokenize(text)
        #expect(!tt.tokens.isEmpty)
        for t in tt.tokens {
            #expect(t.range.lowerBound >= 0 && t.range.upperBound <= text.utf8.count)
            #expect(ArabicNormalizer.normalize(slice(text, t.range)) == t.text, "token \(t.text) at \(t.range)")
        }
    }

    @Test func vowelledWordsAreNormalizedButRangesKeepTheMarks() {
        let text = "هَاجَمَ التَّنْظِيمُ"
        let tt = Tokenizer.tokenize(text)
        #expect(tt.tokens.map(\.text) == ["هاجم", "التنظيم"])
        #expect(slice(text, tt.tokens[0].range) == "هَاجَمَ")
        #expect(slice(text, tt.tokens[1].range) == "التَّنْظِيمُ")
    }

    @Test func tatweelInsideAWordStaysInItsRange() {
        let text = "هاجم داعــش القرية"
        let tt = Tokenizer.tokenize(text)
        #expect(tt.tokens.map(\.text) == ["هاجم", "داعش", "القريه"])
        #expect(slice(text, tt.tokens[1].range) == "داعــش")
    }

    @Test("each quote style becomes flags, never a token", arguments: [
        ("«", "»"), ("“", "”"), ("„", "“"), ("\"", "\""), ("'", "'"),
    ])
    func quoteStyles(_ open: String, _ close: String) {
        let text = "قال " + open + "المرصد" + close + " اليوم"
        let tt = Tokenizer.tokenize(text)
        #expect(tt.tokens.map(\.text) == ["قال", "المرصد", "اليوم"])
        guard tt.tokens.count == 3 else { return }
        #expect(!tt.tokens[0].quoteBefore && !tt.tokens[0].quoteAfter)
        #expect(tt.tokens[1].quoteBefore && tt.tokens[1].quoteAfter)
        #expect(!tt.tokens[2].quoteBefore && !tt.tokens[2].quoteAfter)
        #expect(slice(text, tt.tokens[1].range) == "المرصد")
    }

    @Test func quotedPhraseFlagsOnlyItsEnds() {
        let tt = Tokenizer.tokenize("أعلنت «قوات سوريا الديمقراطية» ذلك")
        #expect(tt.tokens.map(\.text) == ["اعلنت", "قوات", "سوريا", "الديمقراطيه", "ذلك"])
        #expect(tt.tokens.map(\.quoteBefore) == [false, true, false, false, false])
        #expect(tt.tokens.map(\.quoteAfter) == [false, false, false, true, false])
    }

    @Test func loneProcliticWithTatweelMergesIntoNextWord() {
        let text = "انضم عناصر لـ تنظيم الدولة"
        let tt = Tokenizer.tokenize(text)
        #expect(tt.tokens.map(\.text) == ["انضم", "عناصر", "لتنظيم", "الدوله"])
        guard tt.tokens.count == 4 else { return }
        #expect(slice(text, tt.tokens[2].range) == "لـ تنظيم")
    }

    @Test func loneProcliticBeforeQuoteMergesAndCarriesTheQuote() {
        let text = "انضم لـ\"قسد\" مؤخرا"
        let tt = Tokenizer.tokenize(text)
        #expect(tt.tokens.map(\.text) == ["انضم", "لقسد", "مؤخرا"].map(ArabicNormalizer.normalize))
        guard tt.tokens.count == 3 else { return }
        #expect(slice(text, tt.tokens[1].range) == "لـ\"قسد")
        #expect(tt.tokens[1].quoteAfter)
        // The quote opens before قسد: the merged token carries it, and the word before the clitic does not.
        #expect(tt.tokens[1].quoteBefore)
        #expect(!tt.tokens[0].quoteAfter)
    }

    @Test func separatedConjunctionMerges() {
        let text = "تقدمت و قوات النظام"
        let tt = Tokenizer.tokenize(text)
        #expect(tt.tokens.map(\.text) == ["تقدمت", "وقوات", "النظام"])
        guard tt.tokens.count == 3 else { return }
        #expect(slice(text, tt.tokens[1].range) == "و قوات")
    }

    @Test func procliticBeforePunctuationStaysAWord() {
        let tt = Tokenizer.tokenize("قال و، ثم")
        #expect(tt.tokens.map(\.text) == ["قال", "و", "،", "ثم"])
    }

    @Test func sentencesSplitOnStopsAndNewlines() {
        let text = "قصف الطيران القرية. هاجم التنظيم الحاجز! من المسؤول؟ لا أحد\nسطر جديد"
        let tt = Tokenizer.tokenize(text)
        #expect(tt.sentences.count == 5)
        let firstWords = tt.sentences.map { tt.tokens[$0.tokens.lowerBound].text }
        #expect(firstWords == ["قصف", "هاجم", "من", "لا", "سطر"])
        // Each sentence's byte range starts at its first token and covers its stop mark.
        #expect(slice(text, tt.sentences[0].bytes) == "قصف الطيران القرية.")
        #expect(slice(text, tt.sentences[2].bytes) == "من المسؤول؟")
        #expect(slice(text, tt.sentences[4].bytes) == "سطر جديد")
        // Stop marks are not tokens.
        #expect(!tt.tokens.contains { $0.text == "." || $0.text == "!" || $0.text == "؟" })
    }

    @Test func questionMarkAndTrailingTextEndSentences() {
        let tt = Tokenizer.tokenize("هل انسحبوا? نعم")
        #expect(tt.sentences.count == 2)
    }

    @Test func decimalPointDoesNotSplit() {
        let text = "تقدمت القوات 3.5 كيلومتر. ثم توقفت"
        let tt = Tokenizer.tokenize(text)
        #expect(tt.sentences.count == 2)
        let number = tt.tokens.first { $0.kind == .number }
        #expect(number?.text == "3.5")
        #expect(number.map { slice(text, $0.range) } == "3.5")
    }

    @Test("a decimal point between Arabic-Indic or Persian digits does not split", arguments: ["٣.٥", "۳.۵"])
    func decimalPointBetweenNonASCIIDigits(_ number: String) {
        let tt = Tokenizer.tokenize("تقدمت القوات " + number + " كيلومتر نحو البلدة")
        #expect(tt.sentences.count == 1)
        #expect(tt.tokens.filter { $0.kind == .number }.map(\.text) == ["3.5"])
    }

    /// Letters and digits of the normalized text, in order.
    func letters(_ s: String) -> String {
        String(String.UnicodeScalarView(s.unicodeScalars.filter {
            let c = CharClass.of($0); return c == .letter || c == .digit
        }))
    }

    @Test("no letter or digit is lost", arguments: [
        "قصفت الطائرات مواقع لـ تنظيم \"الدولة\" و قوات النظام.",
        "قتل ٥ مدنيين، وجرح ١٢ آخرون؛ (بحسب المرصد)",
        "«هيئة تحرير الشام» ‏ISIS‏ و'داعش'",
    ])
    func noLetterLost(_ text: String) {
        let joined = Tokenizer.tokenize(text).tokens.map(\.text).joined()
        #expect(letters(joined) == letters(ArabicNormalizer.normalize(text)))
    }

    @Test func loneConjunctionBeforeANumberIsKept() {
        let tt = Tokenizer.tokenize("قتل 5 مدنيين و 3 عناصر")
        #expect(tt.tokens.map(\.text) == ["قتل", "5", "مدنيين", "و", "3", "عناصر"])
    }

    @Test func arabicIndicNumberIsOneNumberToken() {
        let tt = Tokenizer.tokenize("قتل ١٥ عنصرا")
        #expect(tt.tokens.map(\.kind) == [.word, .number, .word])
        #expect(tt.tokens[1].text == "15")
    }

    @Test func clausePunctuationBecomesTokens() {
        let text = "قصفت الطائرات (الروسية) مواقع، ثم انسحبت؛ وانتهى"
        let tt = Tokenizer.tokenize(text)
        #expect(tt.tokens.map(\.text) == ["قصفت", "الطايرات", "(", "الروسيه", ")", "مواقع", "،", "ثم", "انسحبت", "؛", "وانتهي"])
        let puncts = tt.tokens.filter { $0.kind == .punct }
        #expect(puncts.map(\.text) == ["(", ")", "،", "؛"])
        for p in puncts { #expect(slice(text, p.range) == p.text) }
        #expect(tt.sentences.count == 1)
    }

    @Test func emptyAndBlankTextGiveNothing() {
        #expect(Tokenizer.tokenize("").tokens.isEmpty)
        #expect(Tokenizer.tokenize(" \n\n ").sentences.isEmpty)
    }
}
