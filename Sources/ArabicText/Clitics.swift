#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
        word.withUTF8InPlace { u in
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
        word.withUTF8InPlace { u in
            letter(u, 0, alef) && letter(u, 2, lam) && scalarCount(u) > 4 ? string(u, from: 4) : word
        }
    }

    /// Enclitic pronouns a trigger can carry: ها هم هما هن ه كم نا.
    public static let pronouns = ["هما", "هم", "هن", "ها", "ه", "كم", "نا"]

    /// `pronouns`' UTF-8 bytes packed into a word each (first byte lowest), with their byte counts.
    static let pronounPatterns: [(bytes: UInt64, count: Int)] = pronouns.map { p in
        precondition(p.utf8.count <= 8, "an enclitic pronoun longer than a packed word")
        var v: UInt64 = 0
        for (k, b) in p.utf8.enumerated() { v |= UInt64(b) << (8 * k) }
        return (v, p.utf8.count)
    }

    /// Readings of `word` with an enclitic pronoun removed: `(stem, pronoun)`. A stem ending in ت
    /// (feminine noun before a suffix: سيطرته) is also given with ه restored (سيطره).
    ///
    /// The word's bytes are read once, in place, and each pronoun's ending compared as one word:
    /// a `utf8HasSuffix` per pronoun and a copy of the word retained and released the strings
    /// some 270 times a document.
    public static func encliticReadings(_ word: String) -> [(stem: String, pronoun: String)] {
        var out: [(String, String)] = []
        func read(_ u: UnsafeBufferPointer<UInt8>) {
            // The word's last (up to) eight bytes, its last byte highest: the last n bytes are then
            // `tail >> (8 * (8 - n))`, packed as the patterns are.
            let m = min(u.count, 8)
            var tail: UInt64 = 0
            for j in 0..<m { tail |= UInt64(u[u.count - m + j]) << (8 * (8 - m + j)) }
            let patterns = pronounPatterns
            for k in patterns.indices {
                let n = patterns[k].count
                guard m >= n, tail >> (8 * (8 - n)) == patterns[k].bytes else { continue }
                let stemBytes = u.count - n
                let stem = UnsafeBufferPointer(rebasing: u[0..<stemBytes])
                let stemCount = scalarCount(stem)
                guard stemCount >= 2 else { continue }
                // ت is D8 AA, ه is D9 87.
                if stemCount >= 3, stemBytes >= 2, stem[stemBytes - 2] == 0xD8, stem[stemBytes - 1] == 0xAA {
                    let restored = String(unsafeUninitializedCapacity: stemBytes) { o in
                        for i in 0..<(stemBytes - 2) { o[i] = stem[i] }
                        o[stemBytes - 2] = 0xD9; o[stemBytes - 1] = 0x87
                        return stemBytes
                    }
                    out.append((restored, pronouns[k]))
                }
                out.append((string(stem, from: 0), pronouns[k]))
            }
        }
        word.withUTF8InPlace(read)
        return out
    }
}

extension StringProtocol {
    /// The UTF-8 bytes of `self` from `start` (counted from the front) equal `other`'s, on contiguous
    /// storage (native and small strings) with `memcmp`; nil when either is not contiguous.
    @inlinable
    func utf8Matches<P: StringProtocol>(_ other: P, at start: (_ ownCount: Int, _ otherCount: Int) -> Int?) -> Bool? {
        utf8.withContiguousStorageIfAvailable { a -> Bool? in
            other.utf8.withContiguousStorageIfAvailable { b -> Bool in
                guard let s = start(a.count, b.count) else { return false }
                return b.isEmpty || memcmp(a.baseAddress! + s, b.baseAddress!, b.count) == 0
            } ?? nil
        } ?? nil
    }

    /// `hasPrefix` by UTF-8 bytes: for normalized text, where byte equality is equality, and
    /// without `Character` (grapheme) iteration.
    @inlinable
    public func utf8HasPrefix<P: StringProtocol>(_ prefix: P) -> Bool {
        if let r = utf8Matches(prefix, at: { own, other in other <= own ? 0 : nil }) { return r }
        let u = utf8, p = prefix.utf8
        guard p.count <= u.count else { return false }
        return u.prefix(p.count).elementsEqual(p)
    }

    /// `==` by UTF-8 bytes (see `utf8HasPrefix`): `String`'s own `==` on Arabic text checks
    /// canonical equivalence scalar by scalar, a cost the relation frames paid at every word test.
    @inlinable
    public func utf8Equals<P: StringProtocol>(_ other: P) -> Bool {
        guard utf8.count == other.utf8.count else { return false }   // O(1) for strings and substrings
        if let r = utf8Matches(other, at: { own, other in other == own ? 0 : nil }) { return r }
        let u = utf8, o = other.utf8
        return u.count == o.count && u.elementsEqual(o)
    }

    /// `hasSuffix` by UTF-8 bytes (see `utf8HasPrefix`).
    @inlinable
    public func utf8HasSuffix<P: StringProtocol>(_ suffix: P) -> Bool {
        if let r = utf8Matches(suffix, at: { own, other in other <= own ? own - other : nil }) { return r }
        let u = utf8, s = suffix.utf8
        guard s.count <= u.count else { return false }
        return u.suffix(s.count).elementsEqual(s)
    }
}

extension String {
    /// `utf8HasPrefix`, `utf8Equals` and `utf8HasSuffix` for two strings, read in place
    /// (`withUTF8InPlace`): the generic ones, specialized for strings, retained and released both on
    /// every test, some 400 times a document across the word tests. Substrings take the generic ones.
    @inlinable
    public func utf8HasPrefix(_ prefix: String) -> Bool {
        withUTF8InPlace { a in prefix.withUTF8InPlace { b in b.count <= a.count && Self.same(a, from: 0, b) } }
    }

    /// See `utf8HasPrefix(_:)` above.
    @inlinable
    public func utf8Equals(_ other: String) -> Bool {
        guard utf8.count == other.utf8.count else { return false }
        return withUTF8InPlace { a in other.withUTF8InPlace { b in Self.same(a, from: 0, b) } }
    }

    /// See `utf8HasPrefix(_:)` above.
    @inlinable
    public func utf8HasSuffix(_ suffix: String) -> Bool {
        withUTF8InPlace { a in suffix.withUTF8InPlace { b in b.count <= a.count && Self.same(a, from: a.count - b.count, b) } }
    }

    /// Whether `a`'s bytes from `start` begin with all of `b` (which fits).
    @inlinable @inline(__always)
    static func same(_ a: UnsafeBufferPointer<UInt8>, from start: Int, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        b.isEmpty || memcmp(a.baseAddress! + start, b.baseAddress!, b.count) == 0
    }

    /// Byte equality with one of the words given (`utf8Equals`): for word lists in the frames, without
    /// an array per test or `==`'s canonical-equivalence path. On strings only (every caller's), so
    /// that it takes the string test above.
    @inlinable public func isOne(of a: String, _ b: String) -> Bool { utf8Equals(a) || utf8Equals(b) }
    @inlinable public func isOne(of a: String, _ b: String, _ c: String) -> Bool { utf8Equals(a) || utf8Equals(b) || utf8Equals(c) }
    @inlinable public func isOne(of a: String, _ b: String, _ c: String, _ d: String) -> Bool {
        utf8Equals(a) || utf8Equals(b) || utf8Equals(c) || utf8Equals(d)
    }
    @inlinable public func isOne(of a: String, _ b: String, _ c: String, _ d: String, _ e: String) -> Bool {
        utf8Equals(a) || utf8Equals(b) || utf8Equals(c) || utf8Equals(d) || utf8Equals(e)
    }
    @inlinable public func isOne(of a: String, _ b: String, _ c: String, _ d: String, _ e: String, _ f: String) -> Bool {
        utf8Equals(a) || utf8Equals(b) || utf8Equals(c) || utf8Equals(d) || utf8Equals(e) || utf8Equals(f)
    }

    /// The first space-separated word (`split(separator: " ").first`), found on the UTF-8 bytes.
    @inlinable
    public var firstSpacedWord: Substring? {
        let u = utf8
        guard let s = u.firstIndex(where: { $0 != 0x20 }) else { return nil }
        let e = u[s...].firstIndex(of: 0x20) ?? u.endIndex
        return self[s..<e]
    }

    /// The last space-separated word (`split(separator: " ").last`), found on the UTF-8 bytes.
    @inlinable
    public var lastSpacedWord: Substring? {
        let u = utf8
        guard let last = u.lastIndex(where: { $0 != 0x20 }) else { return nil }
        let e = u.index(after: last)
        let s = u[..<e].lastIndex(of: 0x20).map { u.index(after: $0) } ?? u.startIndex
        return self[s..<e]
    }
}
