import ActorGraphModel
import ArabicText
import Ontology

/// Dates an event from the words of its sentence against the document's date (`DayWords`): اليوم, أمس,
/// أول أمس, and weekday names (الجمعة = the last Friday on or before the document date; الجمعة الماضي(ة) = the
/// one before that day).
enum EventDates {
    /// The event date for a sentence, or nil when it names no day. Called for every sentence: reads
    /// the readings of the words `mayNameDay` lets through (the ontology's word facts answer it once
    /// per form; a gate that lets a day word through is required, one that lets more through costs time only).
    static func date(sentence tokens: ArraySlice<Token>, documentDate: String?,
                     mayNameDay: (Token) -> Bool = { _ in true }) -> String? {
        guard let doc = documentDate else { return nil }
        var previousWord: Int? = nil
        var idx = tokens.startIndex
        while idx < tokens.endIndex {
            let k = idx
            idx += 1
            guard tokens[k].isWord else { continue }
            defer { previousWord = k }
            guard mayNameDay(tokens[k]) else { continue }
            let readings = tokens[k].proclitics
            if readings.contains(where: { Word($0) == DayWords.yesterday }) {
                guard let day = dayNumber(doc) else { return nil }
                return civil(previousWord.map { Word(tokens[$0].text) == DayWords.first } == true ? day - 2 : day - 1)
            }
            for r in readings {
                guard let wd = DayWords.weekdays[r] else { continue }
                guard let day = dayNumber(doc) else { return nil }
                var j = idx
                while j < tokens.endIndex, !tokens[j].isWord { j += 1 }
                let next = j < tokens.endIndex ? Word(tokens[j].text) : Word("")
                let docWeekday = ((day % 7) + 7 + 3) % 7          // 1970-01-01 was a Thursday (3)
                var back = (docWeekday - wd + 7) % 7
                if back == 0 && DayWords.past.contains(next) { back = 7 }
                return civil(day - back)
            }
        }
        return nil
    }

    /// Days since 1970-01-01 of a `YYYY-MM-DD` date.
    ///
    /// Reads the bytes as `s.split(separator: "-").compactMap { Int($0) }` reads the string (fields
    /// between dashes, empty ones skipped, those that are not a decimal integer with an optional `+`
    /// dropped) and wants exactly three numbers; without the substrings and the array (5,500
    /// instructions a call before).
    static func dayNumber(_ s: String) -> Int? {
        var p = (0, 0, 0)
        var numbers = 0
        var value = 0, length = 0, digits = 0, valid = true
        func endField() {
            if length > 0, valid, digits > 0 {
                switch numbers { case 0: p.0 = value; case 1: p.1 = value; case 2: p.2 = value; default: break }
                numbers += 1
            }
            value = 0; length = 0; digits = 0; valid = true
        }
        for b in s.utf8 {
            if b == UInt8(ascii: "-") { endField(); continue }
            defer { length += 1 }
            guard valid else { continue }
            if b == UInt8(ascii: "+"), length == 0 { continue }
            guard b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") else { valid = false; continue }
            let (times, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times.addingReportingOverflow(Int(b - UInt8(ascii: "0")))
            if o1 || o2 { valid = false } else { value = sum; digits += 1 }
        }
        endField()
        guard numbers == 3, (1...12).contains(p.1), (1...31).contains(p.2) else { return nil }
        var y = p.0; let m = p.1, d = p.2
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
