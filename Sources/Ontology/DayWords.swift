import ArabicText

/// Words that date an event against its document's date: اليوم, أمس, أول أمس and the weekday names
/// (read by the relation stage's event dates). Here, in the ontology, so that a word form's facts can
/// say once whether it names a day at all.
public enum DayWords {
    /// Normalized weekday names, Monday = 0.
    public static let weekdays: WordMap<Int> = ["الاثنين": 0, "الثلاثاء": 1, "الاربعاء": 2, "الخميس": 3, "الجمعه": 4, "السبت": 5, "الاحد": 6]
    public static let yesterday = Word("امس")
    /// أول أمس: the day before yesterday.
    public static let first = Word("اول")
    /// After a weekday: the one a week before (الجمعة الماضية).
    public static let past: Set<Word> = ["الماضي", "الماضيه", "الفايت", "الفايته"]

    /// Whether a proclitic reading of a word is أمس or a weekday name.
    public static func namesDay(_ reading: String) -> Bool {
        Word(reading) == yesterday || weekdays[reading] != nil
    }
}
