import Testing
@testable import ArabicText

/// The tokenizer's table of scalars below U+0800 must say what `CharClass.of` and
/// `ArabicNormalizer.fold` say, byte for byte: the loop reads the table instead of calling them.
@Suite("Tokenizer scalar table")
struct ScalarTableTests {
    /// The folded bytes a `ScalarInfo` holds, as an array.
    func bytes(_ info: Tokenizer.ScalarInfo) -> [UInt8] {
        (0..<Int(info.length)).map { UInt8(truncatingIfNeeded: info.folded >> (8 * UInt32($0))) }
    }

    /// What the slow path makes of `s`, encoded by the standard library rather than `UTF8Scalar`.
    func expected(_ s: Unicode.Scalar) -> (CharClass, [UInt8]) {
        if case .keep(let k) = ArabicNormalizer.fold(s) { return (CharClass.of(s), Array(String(Character(k)).utf8)) }
        return (CharClass.of(s), [])
    }

    @Test func tableAgreesWithClassAndFoldBelowU0800() {
        var mismatches: [UInt32] = []
        for v in 0..<UInt32(Tokenizer.lowInfoCount) {
            let s = Unicode.Scalar(v)!
            let info = Tokenizer.lowInfo[Int(v)]
            let (cls, folded) = expected(s)
            if info.cls != cls || bytes(info) != folded { mismatches.append(v) }
        }
        #expect(mismatches.isEmpty, "scalars whose table entry differs: \(mismatches.prefix(20).map { String($0, radix: 16) })")
        #expect(Tokenizer.lowInfoCount == 0x800)
    }

    @Test func slowPathAgreesAboveU0800() {
        // Every scalar the table does not cover goes through `ScalarInfo.init`: the same answers.
        var mismatches: [UInt32] = []
        for v in UInt32(Tokenizer.lowInfoCount)...0x10FFFF {
            guard let s = Unicode.Scalar(v) else { continue }
            let info = Tokenizer.ScalarInfo(s)
            let (cls, folded) = expected(s)
            if info.cls != cls || bytes(info) != folded { mismatches.append(v) }
        }
        #expect(mismatches.isEmpty, "scalars whose info differs: \(mismatches.prefix(20).map { String($0, radix: 16) })")
    }

    @Test func everyTwoByteScalarTokenizesAsItsFold() {
        // A letter or digit between spaces is a token whose text is its fold; a dropped one leaves nothing.
        for v in UInt32(0x80)..<0x800 {
            let s = Unicode.Scalar(v)!
            let (cls, folded) = expected(s)
            guard cls == .letter || cls == .digit else { continue }
            let tt = Tokenizer.tokenize("x \(Character(s))\(Character(s)) x")
            let want = String(decoding: folded + folded, as: UTF8.self)
            #expect(tt.tokens.count == 3 && tt.tokens[1].text == want, "U+\(String(v, radix: 16))")
            #expect(tt.tokens.count == 3 && tt.tokens[1].range == 2..<6, "U+\(String(v, radix: 16))")
        }
    }
}
