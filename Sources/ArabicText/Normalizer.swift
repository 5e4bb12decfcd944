/// Arabic normalization for matching, one Unicode scalar at a time.
///
/// Removes diacritics, tatweel, Quranic marks and invisible bidi/zero-width characters; folds
/// alef and hamza forms to bare letters (أ إ آ ٱ → ا, ؤ → و, ئ → ي), ى → ي, ة → ه, Persian and
/// Urdu letters to their Arabic counterparts, Arabic-Indic digits to ASCII and Latin to lower case.
public enum ArabicNormalizer {
    /// What one input scalar becomes.
    @frozen public enum Fold: Equatable {
        case drop
        case keep(Unicode.Scalar)
    }

    /// Folds one scalar. Hot path: a switch on the scalar value, no allocation.
    @inlinable
    public static func fold(_ s: Unicode.Scalar) -> Fold {
        let v = s.value
        if v < 0x80 {
            if v >= 0x41 && v <= 0x5A { return .keep(Unicode.Scalar(v + 0x20)!) }
            return .keep(s)
        }
        switch v {
        case 0x064B...0x065F, 0x0670, 0x0640, 0x06D6...0x06ED, 0x0610...0x061A:
            return .drop                                   // harakat, tatweel, Quranic marks
        case 0x200B...0x200F, 0x202A...0x202E, 0x2066...0x2069, 0xFEFF, 0x00AD, 0x061C:
            return .drop                                   // zero-width and bidi controls
        case 0xFE00...0xFE0F, 0xFE20...0xFE2F:
            return .drop                                   // variation selectors (U+FE0F after an emoji), combining half marks
        case 0x0622, 0x0623, 0x0625, 0x0671, 0x0672, 0x0673: return .keep("\u{0627}")
        case 0x0624: return .keep("\u{0648}")
        case 0x0626, 0x0649, 0x06CC, 0x06D0, 0x06D2: return .keep("\u{064A}")
        case 0x0629, 0x06C1, 0x06BE, 0x06D5, 0x06C0: return .keep("\u{0647}")
        case 0x06A9, 0x06AA, 0x06AF: return .keep("\u{0643}")
        case 0x067E: return .keep("\u{0628}")
        case 0x0686: return .keep("\u{062C}")
        case 0x0698: return .keep("\u{0632}")
        case 0x06A4: return .keep("\u{0641}")
        case 0x0660...0x0669: return .keep(Unicode.Scalar(v - 0x0660 + 0x30)!)
        case 0x06F0...0x06F9: return .keep(Unicode.Scalar(v - 0x06F0 + 0x30)!)
        case 0x00C0...0x00DE where v != 0x00D7: return .keep(Unicode.Scalar(v + 0x20)!)
        default: return .keep(s)
        }
    }

    /// Normalizes a whole string (for ontology entries, queries and tests; documents go through `Tokenizer`).
    /// Works on the UTF-8 bytes: the linker and the frames normalize surface forms as they read.
    public static func normalize(_ text: String) -> String {
        var text = text
        return text.withUTF8 { u in
            var out: [UInt8] = []
            out.reserveCapacity(u.count)
            normalize(utf8: u, appendingTo: &out)
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// `normalize` of the UTF-8 bytes `u`, appended to `out` (for a caller that only looks the
    /// result up, without making a string of it).
    public static func normalize(utf8 u: UnsafeBufferPointer<UInt8>, appendingTo out: inout [UInt8]) {
        let first = out.count
        var lastSpace = true
        var i = 0
        while i < u.count {
            let (v, len) = UTF8Scalar.decode(u, at: i, end: u.count)
            i += len
            let s = Unicode.Scalar(v) ?? "\u{FFFD}"
            let c = CharClass.of(s)
            if c == .quote { continue }
            if breaksWord(v, c) {
                if !lastSpace { out.append(0x20); lastSpace = true }
                continue
            }
            if case .keep(let k) = fold(s) {
                UTF8Scalar.append(k, to: &out); lastSpace = false
            }
        }
        while out.count > first, out.last == 0x20 { out.removeLast() }
    }
}

extension ArabicNormalizer {
    /// Whether `normalize` reads a scalar of class `c` as a break between words: white space, `-` and `_`.
    @inline(__always)
    static func breaksWord(_ v: UInt32, _ c: CharClass) -> Bool {
        c == .space || (c == .punct && (v == 0x2D || v == 0x5F))
    }

    /// The first scalar of `normalize(text)`, found without normalizing the rest (the frames ask
    /// whether a mention's surface begins with و).
    public static func firstScalar(ofNormalized text: String) -> Unicode.Scalar? {
        for s in text.unicodeScalars {
            let c = CharClass.of(s)
            if c == .quote || breaksWord(s.value, c) { continue }
            if case .keep(let k) = fold(s) { return k }
        }
        return nil
    }
}

/// Character classes the tokenizer needs.
public enum CharClass: Equatable, Sendable {
    case letter, digit, space, quote, sentenceEnd, clauseMark, punct, ignorable

    @inlinable
    public static func of(_ s: Unicode.Scalar) -> CharClass {
        let v = s.value
        switch v {
        case 0x30...0x39, 0x0660...0x0669, 0x06F0...0x06F9: return .digit
        case 0x41...0x5A, 0x61...0x7A, 0xC0...0x24F: return .letter
        case 0x0621...0x063A, 0x0641...0x064A, 0x066E...0x066F, 0x0671...0x06D3, 0x06D5, 0x06FA...0x06FF:
            return .letter
        case 0x0640, 0x064B...0x065F, 0x0670, 0x06D6...0x06ED, 0x0610...0x061A,
             0x200B...0x200F, 0x202A...0x202E, 0x2066...0x2069, 0xFEFF, 0x00AD, 0x061C,
             0xFE00...0xFE0F, 0xFE20...0xFE2F:
            return .ignorable
        case 0x20, 0x09, 0x0A, 0x0D, 0xA0, 0x2000...0x200A, 0x3000, 0x202F, 0x205F, 0x0B, 0x0C, 0x85, 0x2028, 0x2029:
            return .space
        case 0x22, 0x27, 0x60, 0xAB, 0xBB, 0x2018...0x201F, 0x2039, 0x203A, 0x300C, 0x300D, 0xFF02:
            return .quote
        case 0x2E, 0x21, 0x3F, 0x061F, 0x06D4, 0x2026: return .sentenceEnd
        case 0x2C, 0x060C, 0x061B, 0x3B, 0x3A: return .clauseMark
        default:
            if v >= 0x0600 && v <= 0x06FF { return .punct }
            if (v >= 0x0750 && v <= 0x077F) || (v >= 0x08A0 && v <= 0x08FF) { return .letter }
            if v >= 0xFB50 && v <= 0xFEFC { return .letter }   // presentation forms (rare)
            return .punct
        }
    }
}
