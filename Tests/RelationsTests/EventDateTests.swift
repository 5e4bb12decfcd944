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
