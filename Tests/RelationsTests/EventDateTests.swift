import ActorGraphModel
import ArabicText
@testable import Relations
import Linking
import Testing

@Suite("Event dates from day words")
struct EventDateTests {
    func date(_ text: String, _ doc: String) -> String? {
        let tt = Tokenizer.tokenize(text)
        return EventDates.date(sentence: tt.tokens[...], documentDate: doc)
    }

    /// `dayNumber` reads the bytes; it must answer what the split definition it replaced answers.
    @Test func dayNumberReadsDatesAsSplittingDid() {
        func bySplitting(_ s: String) -> Int? {
            let p = s.split(separator: "-").compactMap { Int($0) }
            guard p.count == 3, (1...12).contains(p[1]), (1...31).contains(p[2]) else { return nil }
            return p[0] * 10_000 + p[1] * 100 + p[2]
        }
        func byBytes(_ s: String) -> Int? {
            guard let day = EventDates.dayNumber(s) else { return nil }
            let civil = EventDates.civil(day).split(separator: "-").compactMap { Int($0) }
            return civil[0] * 10_000 + civil[1] * 100 + civil[2]
        }
        let dates = ["2018-06-12", "1970-01-01", "2024-02-29", "2018-6-1", "2018--06-12", "-2018-06-12", "2018-06-12-",
                     "2018-06-12-x", "2018-06-12-7", "+2018-+06-12", "++2018-06-12", "2018+-06-12", "2018-13-01",
                     "2018-00-10", "2018-06-32", "2018-06", "", "-", "x-2018-06-12", "٢٠١٨-06-12", "99999999999999999999-01-01",
                     "2018 -06-12", "0002-01-01", "2018-06-12T00:00"]
        for d in dates { #expect(byBytes(d) == bySplitting(d), "\(d)") }
        #expect(EventDates.dayNumber("1970-01-01") == 0)
        #expect(EventDates.dayNumber("2018-06-12") == 17_694)
    }

    @Test func weekdayIsTheLastOneOnOrBeforeTheDocumentDate() {
        // 2018-06-12 was a Tuesday.
        #expect(date("هاجم التنظيم الجمعة مواقع للنظام", "2018-06-12") == "2018-06-08")
        #expect(date("قصفت الطائرات يوم الثلاثاء البلدة", "2018-06-12") == "2018-06-12")
        #expect(date("قصفت الطائرات الثلاثاء الماضي البلدة", "2018-06-12") == "2018-06-05")
        #expect(date("وقعت الاشتباكات يوم الأحد", "2018-06-12") == "2018-06-10")
    }

    @Test func yesterdayAndTheDayBefore() {
        #expect(date("سيطرت القوات أمس على القرية", "2016-03-01") == "2016-02-29")
        #expect(date("سيطرت القوات أول أمس على القرية", "2016-03-01") == "2016-02-28")
    }

    @Test func noDayWordNoDate() {
        #expect(date("سيطرت القوات على القرية", "2016-03-01") == nil)
        #expect(date("هاجم التنظيم الجمعة مواقع للنظام", "not a date") == nil)
    }

    @Test("the ontology's day-word gate dates as reading every word does")
    func gateDatesAsUngated() {
        let o = sharedOntology
        for text in ["وقال المتحدث إن القصف وقع أمس في ريف المدينة", "هاجم التنظيم بالجمعة الماضية مواقع للنظام",
                     "سيطرت القوات على القرية يوم الخميس", "سيطرت القوات على القرية", "أول أمس وقعت اشتباكات"] {
            let tokens = o.tokenize(text).tokens[...]
            let gated = EventDates.date(sentence: tokens, documentDate: "2018-06-12", mayNameDay: o.mayNameDay)
            #expect(gated == EventDates.date(sentence: tokens, documentDate: "2018-06-12"), "\(text)")
        }
        #expect(EventDates.date(sentence: o.tokenize("وقع القصف أمس").tokens[...], documentDate: "2018-06-12", mayNameDay: o.mayNameDay) == "2018-06-11")
        #expect(EventDates.date(sentence: o.tokenize("وقع القصف أمس").tokens[...], documentDate: "2018-06-12", mayNameDay: { _ in false }) == nil)
    }

    @Test func dayNumbersRoundTrip() {
        for d in ["1970-01-01", "2000-02-29", "2013-12-31", "2018-06-12"] {
            #expect(EventDates.civil(EventDates.dayNumber(d)!) == d)
        }
    }

    @Test("an extracted relation carries the event date")
    func relationCarriesDate() {
        let linked = Linking.Linker(ontology: sharedOntology).link(Document(id: "d", text: "هاجم تنظيم الدولة أمس مواقع قوات النظام.", date: "2017-05-02"))
        let rs = RelationExtractor(ontology: sharedOntology).extract(linked).relations
        #expect(rs.contains { $0.type == .attacked && $0.date == "2017-05-01" })
    }
}
