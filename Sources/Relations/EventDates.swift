import ActorGraphModel
import ArabicText

/// Dates an event from the words of its sentence against the document's date: اليوم, أمس, أول أمس,
/// and weekday names (الجمعة = the last Friday on or before the document date; الجمعة الماضي(ة) = the
/// one before that day).
enum EventDates {
    /// Normalized weekday names, Monday = 0.
    static let weekdays: WordMap<Int> = ["الاثنين": 0, "الثلاثاء": 1, "الاربعاء": 2, "الخميس": 3, "الجمعه": 4, "السبت": 5, "الاحد": 6]
    static let yesterday = Word("امس")
    static let first = Word("اول")
    static let past: Set<Word> = ["الماضي", "الماضيه", "الفايت", "الفايته"]

    /// The event date for a sentence, or nil when it names no day. Called for every sentence: reads
    /// the tokens' stored readings and compares bytes.
    static func date(sentence tokens: ArraySlice<Token>, documentDate: String?) -> String? {
        guard let doc = documentDate else { return nil }
        var prev: Token? = nil
        var idx = tokens.startIndex
        while idx < tokens.endIndex {
            let token = tokens[idx]
            idx += 1
            guard token.isWord else { continue }
            defer { prev = token }
            let readings = token.proclitics
            if readings.contains(where: { Word($0) == yesterday }) {
                guard let day = dayNumber(doc) else { return nil }
                return civil(prev.map { Word($0.text) == first } == true ? day - 2 : day - 1)
            }
            for r in readings {
                guard let wd = weekdays[r] else { continue }
                guard let day = dayNumber(doc) else { return nil }
                var j = idx
                while j < tokens.endIndex, !tokens[j].isWord { j += 1 }
                let next = j < tokens.endIndex ? Word(tokens[j].text) : Word("")
                let docWeekday = ((day % 7) + 7 + 3) % 7          // 1970-01-01 was a Thursday (3)
                var back = (docWeekday - wd + 7) % 7
                if back == 0 && past.contains(next) { back = 7 }
                return civil(day - back)
            }
        }
        return nil
    }

    /// Days since 1970-01-01 of a `YYYY-MM-DD` date.
    static func dayNumber(_ s: String) -> Int? {
        let p = s.split(separator: "-").compactMap { Int($0) }
        guard p.count == 3, (1...12).contains(p[1]), (1...31).contains(p[2]) else { return nil }
        var y = p[0]; let m = p[1], d = p[2]
        y -= m <= 2 ? 1 : 0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    /// `YYYY-MM-DD` of a day number.
    static func civil(_ z0: Int) -> String {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp + (mp < 10 ? 3 : -9)
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(y)-\(two(m))-\(two(d))"
    }
}
