import Testing
import ArabicText

/// The byte-level string tests the stages use instead of `==`, `hasPrefix`, `hasSuffix` and
/// `split(separator: " ")` agree with those on normalized text, for small (inline) and large strings,
/// and for substrings.
@Suite("Byte string tests")
struct ByteStringTests {
    /// Normalized words and phrases, short enough to be stored inline and longer, ASCII and not.
    static let words = ["", "و", "ال", "الذي", "والميليشيات", "قوات سوريا الديمقراطيه", "abc", "ab", "a b",
                        "المجلس العسكري لمدينه دير الزور التابع لقوات سوريا الديمقراطيه", "ها", "هم", "عناصرها"]

    @Test func agreeWithTheStandardLibrary() {
        for a in Self.words {
            for b in Self.words {
                #expect(a.utf8Equals(b) == (a == b), "\(a) = \(b)")
                #expect(a.utf8HasPrefix(b) == a.hasPrefix(b), "\(a) prefix \(b)")
                #expect(a.utf8HasSuffix(b) == a.hasSuffix(b), "\(a) suffix \(b)")
                // Substrings (a view into a larger string) and mixed types.
                let sub = ("x " + a + " y").dropFirst(2).dropLast(2)
                #expect(sub.utf8Equals(b) == (a == b))
                #expect(sub.utf8HasPrefix(b) == a.hasPrefix(b))
                #expect(sub.utf8HasSuffix(Substring(b)) == a.hasSuffix(b))
            }
        }
    }

    @Test func oneOf() {
        #expect("الذي".isOne(of: "الذين", "التي", "الذي"))
        #expect(!"الذ".isOne(of: "الذين", "الذي"))
        #expect("،".isOne(of: "،", ",", "(", ")", "-", "–"))
        #expect(!"؛".isOne(of: "،", ",", "(", ")", "-", "–"))
        #expect("هجمات".isOne(of: "تقدم", "هجوم", "هجوما", "هجمات"))
    }

    @Test func spacedWordsAsSplit() {
        for s in Self.words + ["  قوات  النظام ", " ", "   ", "قوات "] {
            let parts = s.split(separator: " ")
            #expect(s.firstSpacedWord == parts.first, "\(s)")
            #expect(s.lastSpacedWord == parts.last, "\(s)")
        }
    }
}
