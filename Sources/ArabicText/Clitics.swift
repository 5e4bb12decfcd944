/// Proclitic and enclitic analysis on normalized words (after `ArabicNormalizer`).
///
/// Arabic news glues conjunctions (و ف), prepositions (ب ل ك) and the article (ال, and لل for ل+ال)
/// to the word. Rather than guess one segmentation, `proclitic​Readings` gives every reading and the
/// lexicon lookup keeps the one that matches, so `وحدات` stays whole while `ووحدات` loses one و.
///
/// Hot path: every word of every document goes through here once (the tokenizer stores the
/// readings on the token), so the work is on UTF-8 bytes. The clitic letters are two-byte
/// scalars (و D9 88, ف D9 81, ب D8 A8, ل D9 84, ك D9 83, ا D8 A7), compared as byte pairs.
public enum Clitics {
    @usableFromInline static let waw: (UInt8, UInt8) = (0xD9, 0x88)
    @usableFromInline static let fa: (UInt8, UInt8) = (0xD9, 0x81)
    @usableFromInline static let ba: (UInt8, UInt8) = (0xD8, 0xA8)
    @usableFromInline static let lam: (UInt8, UInt8) = (0xD9, 0x84)
    @usableFromInline static let kaf: (UInt8, UInt8) = (0xD9, 0x83)
    @usableFromInline static let alef: (UInt8, UInt8) = (0xD8, 0xA7)

    @inline(__always)
    static func letter(_ u: UnsafeBufferPointer<UInt8>, _ at: Int, _ l: (UInt8, UInt8)) -> Bool {
        at + 1 < u.count && u[at] == l.0 && u[at + 1] == l.1
    }

    /// Unicode scalars in UTF-8 bytes (bytes that are not continuation bytes).
    @inline(__always)
    static func scalarCount(_ u: UnsafeBufferPointer<UInt8>, from: Int = 0) -> Int {
        var n = 0
        var i = from
        while i < u.count { if u[i] & 0xC0 != 0x80 { n += 1 }; i += 1 }
        return n
    }

    static func string(_ u: UnsafeBufferPointer<UInt8>, from: Int, prefix: (UInt8, UInt8)? = nil) -> String {
        let n = u.count - from + (prefix == nil ? 0 : 2)
        return String(unsafeUninitializedCapacity: n) { out in
            var o = 0
            if let p = prefix { out[0] = p.0; out[1] = p.1; o = 2 }
            for i in from..<u.count { out[o] = u[i]; o += 1 }
            return n
        }
    }

    static func appendNew(_ s: String, to out: inout [String]) {
        let w = Word(s)
        if !out.contains(where: { Word($0) == w }) { out.append(s) }
    }

    /// The readings of `word` with 0, 1 or 2 proclitics removed, longest first. `لل` becomes `ال`.
    public static func procliticReadings(_ word: String) -> [String] {
        var out: [String] = [word]
        var w = word
        w.withUTF8 { u in
            let n = scalarCount(u)
            var bases: [(offset: Int, count: Int)] = [(0, n)]
            if n > 3, letter(u, 0, waw) || letter(u, 0, fa) { bases.append((2, n - 1)) }
            for b in bases {
                if b.offset != 0 { appendNew(string(u, from: b.offset), to: &out) }
                guard b.count > 3 else { continue }
                if letter(u, b.offset, lam) && letter(u, b.offset + 2, lam) {
                    appendNew(string(u, from: b.offset + 2, prefix: alef), to: &out)
                }
                if letter(u, b.offset, ba) || letter(u, b.offset, lam) || letter(u, b.offset, kaf) {
                    appendNew(string(u, from: b.offset + 2), to: &out)
                }
            }
        }
        return out
    }

    /// Readings of a word for trigger and cue lookup: each proclitic reading without its article,
    /// then as it is.
    public static func triggerReadings(procliticReadings: [String]) -> [String] {
        var out: [String] = []
        out.reserveCapacity(procliticReadings.count * 2)
        for r in procliticReadings {
            appendNew(withoutArticle(r), to: &out)
            appendNew(r, to: &out)
        }
        return out
    }

    /// The word without a leading article `ال` (for lexicons that list bare forms).
    public static func withoutArticle(_ word: String) -> String {
        var w = word
        return w.withUTF8 { u in
            letter(u, 0, alef) && letter(u, 2, lam) && scalarCount(u) > 4 ? string(u, from: 4) : word
        }
    }

    /// Enclitic pronouns a trigger can carry: ها هم هما هن ه كم نا.
    public static let pronouns = ["هما", "هم", "هن", "ها", "ه", "كم", "نا"]

    /// Readings of `word` with an enclitic pronoun removed: `(stem, pronoun)`. A stem ending in ت
    /// (feminine noun before a suffix: سيطرته) is also given with ه restored (سيطره).
    public static func encliticReadings(_ word: String) -> [(stem: String, pronoun: String)] {
        var out: [(String, String)] = []
        for p in pronouns where word.utf8HasSuffix(p) {
            let stemBytes = word.utf8.count - p.utf8.count
            var w = word
            w.withUTF8 { u in
                let stem = UnsafeBufferPointer(rebasing: u[0..<stemBytes])
                let stemCount = scalarCount(stem)
                guard stemCount >= 2 else { return }
                // ت is D8 AA, ه is D9 87.
                if stemCount >= 3, stemBytes >= 2, stem[stemBytes - 2] == 0xD8, stem[stemBytes - 1] == 0xAA {
                    let restored = String(unsafeUninitializedCapacity: stemBytes) { o in
                        for i in 0..<(stemBytes - 2) { o[i] = stem[i] }
                        o[stemBytes - 2] = 0xD9; o[stemBytes - 1] = 0x87
                        return stemBytes
                    }
                    out.append((restored, p))
                }
                out.append((string(stem, from: 0), p))
            }
        }
        return out
    }
}

extension StringProtocol {
    /// `hasPrefix` by UTF-8 bytes: for normalized text, where byte equality is equality, and
    /// without `Character` (grapheme) iteration.
    @inlinable
    public func utf8HasPrefix<P: StringProtocol>(_ prefix: P) -> Bool {
        let u = utf8, p = prefix.utf8
        guard p.count <= u.count else { return false }
        return u.prefix(p.count).elementsEqual(p)
    }

    /// `==` by UTF-8 bytes (see `utf8HasPrefix`): `String`'s own `==` on Arabic text checks
    /// canonical equivalence scalar by scalar, a cost the relation frames paid at every word test.
    @inlinable
    public func utf8Equals<P: StringProtocol>(_ other: P) -> Bool {
        let u = utf8, o = other.utf8
        return u.count == o.count && u.elementsEqual(o)
    }

    /// `hasSuffix` by UTF-8 bytes (see `utf8HasPrefix`).
    @inlinable
    public func utf8HasSuffix<P: StringProtocol>(_ suffix: P) -> Bool {
        let u = utf8, s = suffix.utf8
        guard s.count <= u.count else { return false }
        return u.suffix(s.count).elementsEqual(s)
    }
}
