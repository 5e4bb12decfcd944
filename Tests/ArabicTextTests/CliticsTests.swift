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
}
