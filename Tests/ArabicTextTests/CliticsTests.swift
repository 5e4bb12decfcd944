import Testing
import ArabicText

@Suite("Clitics")
struct CliticsTests {
    @Test func conjunctionBeforeArticle() {
        let r = Clitics.procliticReadings("والميليشيات")
        #expect(r.first == "والميليشيات")
        #expect(r.contains("الميليشيات"))
    }

    @Test func lamLamBecomesArticle() {
        let r = Clitics.procliticReadings("للنظام")
        #expect(r.first == "للنظام")
        #expect(r.contains("النظام"))
        #expect(r.firstIndex(of: "النظام") == 1)
    }

    @Test func prepositionBeforeArticle() {
        let r = Clitics.procliticReadings("بالرقه")
        #expect(r == ["بالرقه", "الرقه"])
    }

    @Test func conjunctionPlusPreposition() {
        let r = Clitics.procliticReadings("وبالرقه")
        #expect(r.first == "وبالرقه")
        #expect(r.contains("بالرقه"))
        #expect(r.contains("الرقه"))
    }

    @Test func wordStartingWithWawKeepsItselfFirst() {
        let r = Clitics.procliticReadings("وحدات")
        #expect(r.first == "وحدات")
        #expect(r.count == 2)
        #expect(r.contains("حدات"))
    }

    @Test("short words are not stripped", arguments: ["بلد", "ولد", "فتح", "كان", "لبس"])
    func shortWords(_ w: String) {
        #expect(Clitics.procliticReadings(w) == [w])
    }

    @Test func readingsHaveNoDuplicates() {
        for w in ["للنظام", "والميليشيات", "وللقوات", "فبالمدينه"] {
            let r = Clitics.procliticReadings(w)
            #expect(Set(r).count == r.count, "\(w): \(r)")
        }
    }

    @Test func withoutArticle() {
        #expect(Clitics.withoutArticle("الهجوم") == "هجوم")
        #expect(Clitics.withoutArticle("الله") == "الله")      // too short to strip
        #expect(Clitics.withoutArticle("هجوم") == "هجوم")
    }

    func hasReading(_ word: String, _ stem: String, _ pronoun: String) -> Bool {
        Clitics.encliticReadings(word).contains { $0.stem == stem && $0.pronoun == pronoun }
    }

    @Test func encliticOnPluralNoun() {
        #expect(hasReading("هجماته", "هجمات", "ه"))
    }

    @Test func encliticRestoresTaMarbuta() {
        #expect(hasReading("سيطرتها", "سيطره", "ها"))
        #expect(hasReading("سيطرته", "سيطره", "ه"))
    }

    @Test func encliticOnVerb() {
        #expect(hasReading("يدعمها", "يدعم", "ها"))
        #expect(hasReading("يدعمهم", "يدعم", "هم"))
        #expect(!hasReading("يدعمها", "يدعمه", "ا"))
    }

    @Test func noEncliticNoReading() {
        #expect(Clitics.encliticReadings("قصف").isEmpty)
        #expect(Clitics.encliticReadings("ها").isEmpty)      // the stem would be empty
    }

    /// The readings, as `hasSuffix` and `dropLast` on scalars give them, in `Clitics.pronouns`' order.
    func referenceReadings(_ word: String) -> [(stem: String, pronoun: String)] {
        var out: [(stem: String, pronoun: String)] = []
        for p in Clitics.pronouns where word.unicodeScalars.count >= p.unicodeScalars.count
            && String(word.unicodeScalars.suffix(p.unicodeScalars.count)) == p {
            let stem = String(word.unicodeScalars.dropLast(p.unicodeScalars.count))
            guard stem.unicodeScalars.count >= 2 else { continue }
            if stem.unicodeScalars.count >= 3, stem.unicodeScalars.last == "ت" {
                out.append((String(stem.unicodeScalars.dropLast()) + "ه", p))
            }
            out.append((stem, p))
        }
        return out
    }

    @Test func encliticReadingsAgreeWithScalarSuffixes() {
        // Every word of one to five letters over letters that make and break the pronouns' endings.
        let letters: [Unicode.Scalar] = ["ه", "م", "ا", "ن", "ك", "ت", "ب", "ي"]
        var words: [String] = [""]
        var checked = 0
        for _ in 1...5 {
            words = words.flatMap { w in letters.map { w + String($0) } }
            for w in words {
                let got = Clitics.encliticReadings(w), want = referenceReadings(w)
                #expect(got.map(\.stem) == want.map(\.stem) && got.map(\.pronoun) == want.map(\.pronoun), "\(w)")
                checked += 1
            }
        }
        #expect(checked == 8 + 64 + 512 + 4096 + 32768)
        // A Substring's string and a bridged-looking copy read the same.
        #expect(Clitics.encliticReadings(String("xيدعمها".dropFirst())).map(\.stem) == ["يدعم"])
    }
}
