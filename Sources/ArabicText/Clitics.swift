/// Proclitic and enclitic analysis on normalized words (after `ArabicNormalizer`).
///
/// Arabic news glues conjunctions (و ف), prepositions (ب ل ك) and the article (ال, and لل for ل+ال)
/// to the word. Rather than guess one segmentation, `proclitic​Readings` gives every reading and the
/// lexicon lookup keeps the one that matches, so `وحدات` stays whole while `ووحدات` loses one و.
public enum Clitics {
    /// The readings of `word` with 0, 1 or 2 proclitics removed, longest first. `لل` becomes `ال`.
    public static func procliticReadings(_ word: String) -> [String] {
        var out: [String] = [word]
        let scalars = Array(word.unicodeScalars)
        func add(_ s: ArraySlice<Unicode.Scalar>, article: Bool = false) {
            var v = String.UnicodeScalarView()
            if article { v.append("ا") }
            v.append(contentsOf: s)
            let str = String(v)
            if !out.contains(str) { out.append(str) }
        }
        var bases: [ArraySlice<Unicode.Scalar>] = [scalars[...]]
        if scalars.count > 3, scalars[0] == "و" || scalars[0] == "ف" { bases.append(scalars.dropFirst()) }
        for b in bases {
            if b.startIndex != scalars.startIndex { add(b) }
            guard b.count > 3 else { continue }
            let c0 = b[b.startIndex], c1 = b[b.startIndex + 1]
            if c0 == "ل" && c1 == "ل" { add(b.dropFirst(1), article: true) }
            if c0 == "ب" || c0 == "ل" || c0 == "ك" { add(b.dropFirst()) }
        }
        return out
    }

    /// The word without a leading article `ال` (for lexicons that list bare forms).
    public static func withoutArticle(_ word: String) -> String {
        let u = word.unicodeScalars
        if u.count > 4, word.hasPrefix("ال") { return String(u.dropFirst(2)) }
        return word
    }

    /// Enclitic pronouns a trigger can carry: ها هم هما هن ه كم نا.
    public static let pronouns = ["هما", "هم", "هن", "ها", "ه", "كم", "نا"]

    /// Readings of `word` with an enclitic pronoun removed: `(stem, pronoun)`. A stem ending in ت
    /// (feminine noun before a suffix: سيطرته) is also given with ه restored (سيطره).
    public static func encliticReadings(_ word: String) -> [(stem: String, pronoun: String)] {
        var out: [(String, String)] = []
        let u = word.unicodeScalars
        for p in pronouns where word.hasSuffix(p) {
            let stemCount = u.count - p.unicodeScalars.count
            guard stemCount >= 2 else { continue }
            let stem = String(String.UnicodeScalarView(u.prefix(stemCount)))
            if stem.hasSuffix("ت") && stemCount >= 3 {
                out.append((String(String.UnicodeScalarView(stem.unicodeScalars.dropLast())) + "ه", p))
            }
            out.append((stem, p))
        }
        return out
    }
}
