import Foundation
import Testing
import ArabicText

/// `ArabicNormalizer.normalize` works on UTF-8 bytes; it gives what normalizing scalar by scalar
/// through `fold` and `CharClass` gives (the reference below), on our sample corpus and on mixed text.
@Suite("Normalizer on bytes")
struct NormalizerBytesTests {
    static func reference(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var lastSpace = true
        for s in text.unicodeScalars {
            switch CharClass.of(s) {
            case .quote: continue
            case .space:
                if !lastSpace { out.append(" "); lastSpace = true }
                continue
            case .punct where s == "-" || s == "_":
                if !lastSpace { out.append(" "); lastSpace = true }
                continue
            default: break
            }
            if case .keep(let k) = ArabicNormalizer.fold(s) { out.append(k); lastSpace = false }
        }
        var r = String(out)
        while r.hasSuffix(" ") { r.removeLast() }
        return r
    }

    @Test func sameAsScalarByScalar() throws {
        let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Corpus/sample")
        var texts = ["", " ", "  قوات  سوريا ", "«داعش»", "ABC-def_ghi", "پژوهش گروه", "٣ عناصر و۴ مدنيين",
                     "تنظيم \u{200F}الدولة\u{0640}", "😀 هجوم 😀", "a\u{00A0}b\u{2029}c", "ـ", "- _ -"]
        for name in try FileManager.default.contentsOfDirectory(atPath: sample.path).sorted() where name.hasSuffix(".txt") {
            let text = try String(contentsOf: sample.appendingPathComponent(name), encoding: .utf8)
            texts.append(text)
            texts += text.split(separator: "\n").map(String.init)
        }
        #expect(texts.count > 20)
        for t in texts { #expect(ArabicNormalizer.normalize(t) == Self.reference(t), "\(t.prefix(40))") }
    }
}
