import Testing
import ArabicText

@Suite("ArabicNormalizer")
struct NormalizerTests {
    /// Every harakah, tanwin, shadda, sukun, dagger alef and hamza mark, each alone on a bā'.
    @Test("each diacritic is dropped", arguments: [
        "\u{064B}", "\u{064C}", "\u{064D}", "\u{064E}", "\u{064F}", "\u{0650}",
        "\u{0651}", "\u{0652}", "\u{0653}", "\u{0654}", "\u{0655}", "\u{0670}",
    ])
    func diacriticDropped(_ mark: String) {
        #expect(ArabicNormalizer.normalize("ب" + mark + "ر") == "بر")
    }

    @Test func fullyVowelledPhraseLosesItsMarks() {
        #expect(ArabicNormalizer.normalize("هَيْئَةُ تَحْرِيرِ الشَّامِ") == "هييه تحرير الشام")
        #expect(ArabicNormalizer.normalize("قَصْفٌ عَنِيفٌ") == "قصف عنيف")
    }

    @Test func tatweelDropped() {
        #expect(ArabicNormalizer.normalize("داعــــش") == "داعش")
        #expect(ArabicNormalizer.normalize("ـالجيشـ") == "الجيش")
    }

    @Test("alef forms fold to bare alef", arguments: ["أ", "إ", "آ", "ٱ"])
    func alefFolds(_ alef: String) {
        #expect(ArabicNormalizer.normalize(alef + "مر") == "امر")
    }

    @Test func hamzaSeatsAndFinalLetters() {
        #expect(ArabicNormalizer.normalize("مؤتمر") == "موتمر")      // ؤ → و
        #expect(ArabicNormalizer.normalize("رئيس") == "رييس")        // ئ → ي
        #expect(ArabicNormalizer.normalize("مستشفى") == "مستشفي")    // ى → ي
        #expect(ArabicNormalizer.normalize("مدينة") == "مدينه")      // ة → ه
        #expect(ArabicNormalizer.normalize("إسرائيل") == "اسراييل")
    }

    @Test("Persian letters fold to Arabic ones", arguments: [
        ("ک", "ك"), ("ی", "ي"), ("گ", "ك"), ("پ", "ب"), ("چ", "ج"), ("ژ", "ز"),
    ])
    func persianLetters(_ persian: String, _ arabic: String) {
        #expect(ArabicNormalizer.normalize("ا" + persian + "ا") == "ا" + arabic + "ا")
    }

    @Test func persianWordsFold() {
        #expect(ArabicNormalizer.normalize("پیشمرگه") == "بيشمركه")
        #expect(ArabicNormalizer.normalize("کرد") == "كرد")
    }

    @Test func digitsFoldToASCII() {
        #expect(ArabicNormalizer.normalize("٠١٢٣٤٥٦٧٨٩") == "0123456789")
        #expect(ArabicNormalizer.normalize("۰۱۲۳۴۵۶۷۸۹") == "0123456789")
        #expect(ArabicNormalizer.normalize("قتل ١٢ مدنيا و۳ جنود") == "قتل 12 مدنيا و3 جنود")
    }

    @Test("bidi and zero-width controls are dropped", arguments: [
        "\u{200E}", "\u{200F}", "\u{202A}", "\u{202B}", "\u{202C}", "\u{202D}", "\u{202E}",
        "\u{2066}", "\u{2067}", "\u{2068}", "\u{2069}",
    ])
    func bidiDropped(_ control: String) {
        #expect(ArabicNormalizer.normalize("قس" + control + "د") == "قسد")
        #expect(ArabicNormalizer.normalize(control + "SDF" + control) == "sdf")
    }

    @Test func latinLowercased() {
        #expect(ArabicNormalizer.normalize("ISIS") == "isis")
        #expect(ArabicNormalizer.normalize("Syrian Democratic Forces") == "syrian democratic forces")
        #expect(ArabicNormalizer.normalize("ÉLAN") == "élan")
    }

    @Test func spacesQuotesAndHyphens() {
        #expect(ArabicNormalizer.normalize("  قوات   سوريا\tالديمقراطية  ") == "قوات سوريا الديمقراطيه")
        #expect(ArabicNormalizer.normalize("«تنظيم الدولة»") == "تنظيم الدوله")
        #expect(ArabicNormalizer.normalize("Tahrir al-Sham") == "tahrir al sham")
    }

    @Test("normalize is idempotent", arguments: [
        "هَيْئَةُ تَحْرِيرِ الشَّامِ",
        "«قوات سوريا الديموقراطية» (قسد)",
        "إيران وروسيا، حليفتا دمشق",
        "پیشمرگه ۱۲ ٣.٥ ISIS",
        "\u{202B}لـ\"داعش\"\u{202C}  ؟ ",
        "Tahrir al-Sham — آمرلي",
    ])
    func idempotent(_ text: String) {
        let once = ArabicNormalizer.normalize(text)
        #expect(ArabicNormalizer.normalize(once) == once)
    }

    @Test func foldOfSingleScalars() {
        #expect(ArabicNormalizer.fold("\u{0640}") == .drop)
        #expect(ArabicNormalizer.fold("\u{200F}") == .drop)
        #expect(ArabicNormalizer.fold("أ") == .keep("ا"))
        #expect(ArabicNormalizer.fold("Q") == .keep("q"))
        #expect(ArabicNormalizer.fold("٧") == .keep("7"))
        #expect(ArabicNormalizer.fold("ش") == .keep("ش"))
    }
}
