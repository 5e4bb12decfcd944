import ArabicText
import PropertyBased
import Testing

/// Scalars news text is made of, weighted towards Arabic: letters, diacritics and tatweel, hamza
/// forms, Persian letters, digits, bidi and zero-width controls, quotes, punctuation, spaces, Latin.
var newsScalar: Generator<Unicode.Scalar, some Sequence & SendableMetatype> { Gen.oneOf(
    Gen.unicodeScalar(in: "\u{0621}"..."\u{064A}"),
    Gen.unicodeScalar(in: "\u{0621}"..."\u{064A}"),
    Gen.unicodeScalar(in: "\u{064B}"..."\u{0670}"),
    Gen.unicodeScalar(in: "\u{0671}"..."\u{06FF}"),
    Gen.unicodeScalar(in: "\u{0660}"..."\u{0669}"),
    Gen.unicodeScalar(in: "\u{200B}"..."\u{202E}"),
    Gen.unicodeScalar(in: "\u{2066}"..."\u{2069}"),
    Gen.unicodeScalar(in: " "..."@"),
    Gen.unicodeScalar(in: "A"..."z"),
    Gen.unicodeScalar(in: "\u{00A0}"..."\u{00BF}"),
    Gen.unicodeScalar(in: "\u{2018}"..."\u{201F}"),
    Gen.unicodeScalar(in: "\u{FB50}"..."\u{FEFF}")
) }

/// The same, without the characters that start markup (`<`, `&`), for properties that hold only
/// for plain text.
var plainScalar: Generator<Unicode.Scalar, some Sequence & SendableMetatype> { newsScalar.map { $0 == "<" || $0 == "&" ? " " : $0 } }

func text<S: Sequence & SendableMetatype>(_ scalars: Generator<Unicode.Scalar, S>, _ length: ClosedRange<Int>) -> Generator<String, some Sequence & SendableMetatype> {
    scalars.array(of: length).map { String(String.UnicodeScalarView($0)) }
}

@Suite("Properties of normalization and tokenization")
struct NormalizationProperties {
    @Test func normalizeIsIdempotent() async {
        await propertyCheck(count: 500, input: text(newsScalar, 0...80)) { s in
            let once = ArabicNormalizer.normalize(s)
            #expect(ArabicNormalizer.normalize(once) == once)
        }
    }

    @Test func foldingNeverGrowsAndNeverKeepsAControl() async {
        await propertyCheck(count: 500, input: text(newsScalar, 0...80)) { s in
            let n = ArabicNormalizer.normalize(s)
            #expect(n.unicodeScalars.count <= s.unicodeScalars.count)
            #expect(!n.unicodeScalars.contains { (0x200B...0x200F).contains($0.value) || (0x202A...0x202E).contains($0.value)
                || (0x2066...0x2069).contains($0.value) || (0x064B...0x065F).contains($0.value) })
        }
    }

    /// Every word or number token's range, cut from the original text and normalized, gives the
    /// token's text (a proclitic written apart is glued on, so spaces are left out of the compare).
    @Test func tokenOffsetsMapBackIntoTheOriginal() async {
        await propertyCheck(count: 500, input: text(plainScalar, 0...80)) { s in
            let bytes = Array(s.utf8)
            let tokenized = Tokenizer.tokenize(s)
            var previousEnd = 0
            for token in tokenized.tokens {
                #expect(token.range.lowerBound >= previousEnd && token.range.upperBound <= bytes.count)
                previousEnd = token.range.upperBound
                guard token.kind != .punct else { continue }
                let original = String(decoding: bytes[token.range], as: UTF8.self)
                // Spaces are dropped scalar by scalar: `replacingOccurrences` compares characters, and
                // a space followed by a combining scalar is one character that is not " ".
                let normalized = String(String.UnicodeScalarView(ArabicNormalizer.normalize(original).unicodeScalars.filter { $0 != " " }))
                #expect(normalized == token.text, "token \(token.text) at \(token.range) of \(s.unicodeScalars.map { String($0.value, radix: 16) })")
            }
        }
    }

    /// A variation selector or combining half mark (U+FE00–FE0F, FE20–FE2F: emoji presentation,
    /// mostly) is invisible like a zero-width control: dropped, not read as a letter of a word
    /// of its own (the property check above once found a lone ف glued across a line separator to one).
    @Test func variationSelectorsAreIgnorable() {
        #expect(ArabicNormalizer.normalize("قصف\u{FE0F} ف\u{2028}\u{FE02}") == "قصف ف")
        let tokens = Tokenizer.tokenize("قصف\u{FE0F}\u{FE0F} مدفعي \u{FE0E}").tokens
        #expect(tokens.map(\.text) == ["قصف", "مدفعي"])
        #expect(tokens.first?.range == 0..<12)
    }

    /// With markup characters in play, ranges still lie in order, inside the text, on character boundaries.
    @Test func tokenRangesStayOnCharacterBoundaries() async {
        let withMarkup = Gen.oneOf(newsScalar, Gen.element(of: Array("<>&;#/px!-\"".unicodeScalars)).map { $0 ?? "<" })
        await propertyCheck(count: 500, input: text(withMarkup, 0...80)) { s in
            let bytes = Array(s.utf8)
            var previousEnd = 0
            for token in Tokenizer.tokenize(s).tokens {
                #expect(token.range.lowerBound >= previousEnd && token.range.upperBound <= bytes.count && !token.range.isEmpty)
                #expect(token.range.lowerBound == bytes.count || bytes[token.range.lowerBound] & 0xC0 != 0x80)
                #expect(token.range.upperBound == bytes.count || bytes[token.range.upperBound] & 0xC0 != 0x80)
                previousEnd = token.range.upperBound
            }
        }
    }
}
