#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A word, number or punctuation mark with its place in the original text.
public struct Token: Sendable, Hashable {
    public enum Kind: Sendable, Hashable { case word, number, punct }
    /// UTF-8 byte range in the original text (for a merged proclitic, from the clitic to the word's end).
    public var range: Range<Int>
    /// The normalized form and its readings, shared by every token of the same form.
    public let lexeme: Lexeme
    /// A quote mark stands right before / right after the token.
    public var quoteBefore: Bool
    public var quoteAfter: Bool
    public init(kind: Kind, range: Range<Int>, text: String, quoteBefore: Bool = false, quoteAfter: Bool = false) {
        self.init(range: range, lexeme: Lexeme(kind: kind, text: text), quoteBefore: quoteBefore, quoteAfter: quoteAfter)
    }
    public init(range: Range<Int>, lexeme: Lexeme, quoteBefore: Bool = false, quoteAfter: Bool = false) {
        self.range = range; self.lexeme = lexeme
        self.quoteBefore = quoteBefore; self.quoteAfter = quoteAfter
    }
    @inline(__always) public var kind: Kind { lexeme.kind }
    /// Normalized form (proclitics included, as written): `والميليشيات`.
    @inline(__always) public var text: String { lexeme.text }
    /// `Clitics.procliticReadings(text)` for a word, `[text]` otherwise: computed once per form
    /// because linking and every relation frame ask for it.
    @inline(__always) public var proclitics: [String] { lexeme.proclitics }
    /// `Clitics.triggerReadings(procliticReadings: proclitics)` for a word (proclitics, then the article, removed), empty otherwise.
    @inline(__always) public var readings: [String] { lexeme.readings }
    public static func == (a: Token, b: Token) -> Bool {
        a.kind == b.kind && a.range == b.range && Word(a.text) == Word(b.text) && a.quoteBefore == b.quoteBefore && a.quoteAfter == b.quoteAfter
    }
    public func hash(into h: inout Hasher) { h.combine(kind); h.combine(range); h.combine(Word(text)) }
    @inline(__always) public var isWord: Bool { lexeme.kind == .word }
    /// The grammatical word or punctuation mark the token is (`.none` for most).
    @inline(__always) public var marker: Marker { lexeme.marker }
    /// The normalized form's length in Unicode scalars (`text.unicodeScalars.count`), counted once per form.
    @inline(__always) public var scalarCount: Int { lexeme.scalarCount }
}

/// A sentence: a range of tokens and the UTF-8 byte range it covers.
public struct Sentence: Sendable, Hashable {
    public var tokens: Range<Int>
    public var bytes: Range<Int>
}

/// The tokens and sentences of one text.
public struct TokenizedText: Sendable {
    public var tokens: [Token]
    public var sentences: [Sentence]
}

/// Splits text into normalized tokens with original offsets, and into sentences.
///
/// Works on UTF-8 bytes decoded to scalars; never on `Character`. Quotes become flags on the
/// neighbouring tokens; a lone proclitic written apart (`لـ تنظيم`, `و قوات`) is merged into the
/// next word; `.` `!` `?` `؟` and line breaks end sentences; `،` `؛` `,` `;` `:` and brackets stay as
/// punctuation tokens because the relation frames read them.
public enum Tokenizer {
    /// Tokens of `text`, their forms interned in `vocabulary` (a vocabulary of this text alone when nil).
    public static func tokenize(_ text: String, vocabulary: Vocabulary? = nil) -> TokenizedText {
        var copy = text
        return copy.withUTF8 { tokenize(utf8: $0, vocabulary: vocabulary) }
    }

    /// What the tokenizer needs of one scalar: its class and its folded form as UTF-8.
    struct ScalarInfo {
        /// The UTF-8 bytes of `ArabicNormalizer.fold` of the scalar, packed first byte lowest (as
        /// `UTF8Scalar.encode` packs them), so they go into the word with one 4-byte store.
        var folded: UInt32
        /// How many bytes of `folded` the word takes: 0 when the fold drops the scalar.
        var length: UInt8
        var cls: CharClass

        init(_ s: Unicode.Scalar) {
            cls = CharClass.of(s)
            if case .keep(let k) = ArabicNormalizer.fold(s) {
                let (packed, count) = UTF8Scalar.encode(k.value)
                folded = packed; length = UInt8(count)
            } else {
                folded = 0; length = 0
            }
        }
    }

    /// `ScalarInfo` of every scalar below U+0800 (ASCII, Latin, Arabic: every one- and two-byte
    /// sequence), made at start-up from `CharClass.of` and `ArabicNormalizer.fold` so that the table
    /// and the functions cannot disagree. The loop reads a scalar's class and folded bytes with one
    /// load instead of classifying, folding and re-encoding it. Never freed, and written only while
    /// the lazy global is initialized (`nonisolated(unsafe)`: read-only thereafter).
    nonisolated(unsafe) static let lowInfo: UnsafePointer<ScalarInfo> = {
        let table = UnsafeMutablePointer<ScalarInfo>.allocate(capacity: lowInfoCount)
        for v in 0..<lowInfoCount { (table + v).initialize(to: ScalarInfo(Unicode.Scalar(UInt32(v))!)) }
        return UnsafePointer(table)
    }()
    static let lowInfoCount = 0x800

    /// An ASCII, Arabic-Indic or Persian digit starts at byte `i`.
    static func digitFollows(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        if b[i] >= 0x30 && b[i] <= 0x39 { return true }
        guard i + 1 < b.count else { return false }
        return (b[i] == 0xD9 && b[i + 1] >= 0xA0 && b[i + 1] <= 0xA9) || (b[i] == 0xDB && b[i + 1] >= 0xB0 && b[i + 1] <= 0xB9)
    }

    public static func tokenize(utf8 bytes: UnsafeBufferPointer<UInt8>, vocabulary: Vocabulary? = nil) -> TokenizedText {
        var reader = Reader(bytes: bytes, vocabulary: vocabulary ?? Vocabulary(limit: Int.max))
        defer { reader.word.deallocate() }
        reader.run()
        return TokenizedText(tokens: reader.tokens, sentences: reader.sentences)
    }

    /// The tokenizer's state over one text. A struct with mutating methods rather than local
    /// variables shared by nested functions: those were boxed, and every access to them a dynamic
    /// exclusivity check (several per scalar read).
    struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        let vocabulary: Vocabulary
        /// `Tokenizer.lowInfo`, read once per text rather than through the lazy global at every scalar.
        let lowInfo = Tokenizer.lowInfo
        var tokens: [Token] = []
        var sentences: [Sentence] = []
        var sentenceStartToken = 0
        var sentenceStartByte = -1
        var sentenceEndByte = 0

        // The normalized word being read, as UTF-8, and its length in scalars.
        var word = ByteBuffer(capacity: 64)
        var wordScalars = 0
        var wordStart = -1
        var wordEnd = 0
        var wordKind: Token.Kind = .word
        var wordHasTatweel = false
        var pendingQuote = false
        var pendingClitic: (bytes: [UInt8], start: Int, end: Int)? = nil

        init(bytes: UnsafeBufferPointer<UInt8>, vocabulary: Vocabulary) {
            self.bytes = bytes
            self.vocabulary = vocabulary
            tokens.reserveCapacity(bytes.count / 6)
        }

        /// Appends a scalar's folded bytes (`ScalarInfo.folded`, `length` of them) to the word.
        @inline(__always) mutating func append(_ folded: UInt32, length: UInt8) {
            wordScalars += 1
            word.append(utf8: folded, length: Int(length))
        }
        func lexeme(_ kind: Token.Kind, _ b: [UInt8]) -> Lexeme {
            b.withUnsafeBufferPointer { vocabulary.lexeme(kind, $0) }
        }
        /// The word read so far is exactly the two-byte letter(s) given (normalized UTF-8).
        func wordIs(_ x: UInt8, _ y: UInt8) -> Bool { word.count == 2 && word[0] == x && word[1] == y }
        func wordIs(_ x: UInt8, _ y: UInt8, _ z: UInt8, _ w: UInt8) -> Bool {
            word.count == 4 && word[0] == x && word[1] == y && word[2] == z && word[3] == w
        }

        mutating func closeSentence() {
            if tokens.count > sentenceStartToken {
                sentences.append(Sentence(tokens: sentenceStartToken..<tokens.count,
                                          bytes: max(0, sentenceStartByte)..<sentenceEndByte))
            }
            sentenceStartToken = tokens.count
            sentenceStartByte = -1
        }
        mutating func markByte(_ start: Int, _ end: Int) {
            if sentenceStartByte < 0 { sentenceStartByte = start }
            sentenceEndByte = end
        }
        mutating func flushWord() {
            guard wordStart >= 0 else { return }
            var start = wordStart
            // ل D9 84, ب D8 A8, و D9 88, ف D9 81, ك D9 83; لل D9 84 D9 84, ال D8 A7 D9 84.
            let isLoneClitic = wordKind == .word && wordScalars == 1 &&
                (wordIs(0xD9, 0x84) || wordIs(0xD8, 0xA8) || wordIs(0xD9, 0x88) || wordIs(0xD9, 0x81) || wordIs(0xD9, 0x83))
            if isLoneClitic || (wordHasTatweel && wordKind == .word && wordScalars <= 2
                                && (wordIs(0xD9, 0x84, 0xD9, 0x84) || wordIs(0xD8, 0xA7, 0xD9, 0x84))) {
                // Keep it to glue onto the next word.
                if let p = pendingClitic { pendingClitic = (p.bytes + word.array, p.start, wordEnd) } else { pendingClitic = (word.array, start, wordEnd) }
                word.removeAll(); wordScalars = 0; wordStart = -1; wordHasTatweel = false
                return
            }
            if let p = pendingClitic {
                if wordKind == .word {
                    word.prepend(p.bytes); start = p.start
                } else {
                    // A clitic before a number (و 3 عناصر) stays a word of its own.
                    tokens.append(Token(range: p.start..<p.end, lexeme: lexeme(.word, p.bytes), quoteBefore: pendingQuote))
                    pendingQuote = false
                }
            }
            pendingClitic = nil
            tokens.append(Token(range: start..<wordEnd, lexeme: vocabulary.lexeme(wordKind, word.buffer), quoteBefore: pendingQuote))
            pendingQuote = false
            word.removeAll(); wordScalars = 0; wordStart = -1; wordHasTatweel = false
        }
        mutating func flushClitic() {
            // A clitic followed by punctuation or the sentence end stays a word of its own.
            if let p = pendingClitic {
                tokens.append(Token(range: p.start..<p.end, lexeme: lexeme(.word, p.bytes), quoteBefore: pendingQuote))
                pendingQuote = false
                pendingClitic = nil
            }
        }

        mutating func run() {
            var i = 0
            let n = bytes.count
            while i < n {
                // Markup left over from scraping: a tag reads as a space (a block tag as a line break),
                // an entity as the character it stands for.
                let b0 = bytes[i]
                var v: UInt32
                var len: Int
                if b0 == 0x3C, let tag = Markup.tag(bytes, at: i) {
                    flushWord()
                    if tag.breaksLine { flushClitic(); closeSentence() }
                    i += tag.length
                    continue
                }
                if b0 == 0x26, let entity = Markup.entity(bytes, at: i) {
                    v = entity.value; len = entity.length
                } else { (v, len) = UTF8Scalar.decode(bytes, at: i, end: n) }
                let start = i
                i += len

                let info = v < Tokenizer.lowInfoCount ? lowInfo[Int(v)] : ScalarInfo(Unicode.Scalar(v) ?? "\u{FFFD}")
                let cls = info.cls
                switch cls {
                case .letter, .digit:
                    let kind: Token.Kind = cls == .digit ? .number : .word
                    if wordStart >= 0 && kind != wordKind { flushWord() }
                    if wordStart < 0 { wordStart = start; wordKind = kind }
                    if info.length > 0 { append(info.folded, length: info.length) }
                    // The letters (or digits) right after it that are one or two bytes long join the word
                    // here, without the outer loop's markup and entity checks and class dispatch: most of
                    // a text's scalars are read in this loop. Anything else goes back to the outer loop
                    // (`<` and `&` are not letters).
                    while i < n {
                        let c = bytes[i]
                        let w: UInt32, l: Int
                        if c < 0x80 { w = UInt32(c); l = 1 }
                        else if c & 0xE0 == 0xC0, i + 1 < n { w = (UInt32(c & 0x1F) << 6) | UInt32(bytes[i + 1] & 0x3F); l = 2 }
                        else { break }
                        let next = lowInfo[Int(w)]
                        guard next.cls == cls else { break }
                        if next.length > 0 { append(next.folded, length: next.length) }
                        i += l
                    }
                    wordEnd = i
                    markByte(start, i)
                case .ignorable:
                    if v == 0x0640 { wordHasTatweel = true }
                    if wordStart >= 0 { wordEnd = i }
                case .space:
                    flushWord()
                    if v == 0x0A || v == 0x2029 || v == 0x0D {
                        flushClitic(); closeSentence()
                    }
                case .quote:
                    if wordStart >= 0 {
                        let before = tokens.count
                        flushWord()
                        if tokens.count > before, var last = tokens.popLast() { last.quoteAfter = true; tokens.append(last) }
                        else { pendingQuote = true }   // the word was a lone proclitic: لـ"قسد"
                    } else if pendingClitic == nil, let last = tokens.last, last.range.upperBound == start, last.kind != .punct {
                        tokens[tokens.count - 1].quoteAfter = true
                    } else {
                        pendingQuote = true
                    }
                    markByte(start, i)
                case .sentenceEnd:
                    // A dot between digits (3.5) is part of the number.
                    if v == 0x2E, wordKind == .number, wordStart >= 0, i < n, Tokenizer.digitFollows(bytes, i) {
                        append(0x2E, length: 1); wordEnd = i
                        continue
                    }
                    flushWord(); flushClitic()
                    markByte(start, i)
                    closeSentence()
                case .clauseMark, .punct:
                    // A hyphen inside a Latin name (al-Sham, Hay'at) separates words like a space.
                    if v == 0x2D, wordStart >= 0, wordKind == .word, start > 0, bytes[start - 1] < 0x80,
                       (bytes[start - 1] | 0x20) >= 0x61, (bytes[start - 1] | 0x20) <= 0x7A,
                       i < n, (bytes[i] | 0x20) >= 0x61, (bytes[i] | 0x20) <= 0x7A {
                        flushWord()
                        continue
                    }
                    flushWord(); flushClitic()
                    if info.length > 0 {
                        let l = withUnsafeBytes(of: info.folded.littleEndian) {
                            vocabulary.lexeme(.punct, UnsafeBufferPointer(start: $0.baseAddress!.assumingMemoryBound(to: UInt8.self), count: Int(info.length)))
                        }
                        tokens.append(Token(range: start..<i, lexeme: l))
                        pendingQuote = false
                    }
                    markByte(start, i)
                }
            }
            flushWord(); flushClitic()
            closeSentence()
        }
    }
}

/// HTML and XML leftovers in scraped text: tags, comments and character entities.
enum Markup {
    /// Tags whose end or start breaks a line of text.
    static let blockTags: Set<String> = [
        "p", "br", "div", "li", "ul", "ol", "tr", "td", "th", "table", "h1", "h2", "h3", "h4", "h5", "h6",
        "hr", "section", "article", "header", "footer", "blockquote", "title", "body", "html", "head",
        "figcaption", "caption", "dd", "dt", "pre", "nav", "aside", "main", "figure", "form",
    ]
    /// Elements whose content is not text.
    static let skippedElements: Set<String> = ["script", "style"]

    /// The tag (or comment) that starts at `i`, if one does: `<p>`, `</div>`, `<br/>`, `<a href="…">`,
    /// `<!-- … -->`, `<!DOCTYPE …>`. `<script>` and `<style>` take their content with them.
    static func tag(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> (length: Int, breaksLine: Bool)? {
        let n = b.count
        guard i + 1 < n else { return nil }
        let c = b[i + 1]
        if c == 0x21 {   // <!-- comment --> or <!DOCTYPE …>
            if i + 3 < n, b[i + 2] == 0x2D, b[i + 3] == 0x2D {
                guard let end = find(b, [0x2D, 0x2D, 0x3E], from: i + 4, within: 1 << 16) else { return nil }
                return (end + 3 - i, false)
            }
            guard let end = find(b, [0x3E], from: i + 2, within: 4096) else { return nil }
            return (end + 1 - i, true)
        }
        let closing = c == 0x2F
        var j = i + (closing ? 2 : 1)
        var name: [UInt8] = []
        while j < n, name.count < 16, isNameByte(b[j]) { name.append(b[j] | 0x20); j += 1 }
        guard !name.isEmpty, let first = name.first, first >= 0x61, first <= 0x7A else { return nil }
        guard j < n, b[j] == 0x3E || b[j] == 0x2F || b[j] == 0x20 || b[j] == 0x09 || b[j] == 0x0A || b[j] == 0x0D else { return nil }
        // The tag ends at the first `>` outside quotes, and not far away.
        var quote: UInt8 = 0
        var k = j
        while k < n, k - i < 4096 {
            let x = b[k]
            if quote != 0 { if x == quote { quote = 0 } }
            else if x == 0x22 || x == 0x27 { quote = x }
            else if x == 0x3E { break }
            else if x == 0x3C { return nil }
            k += 1
        }
        guard k < n, b[k] == 0x3E else { return nil }
        let tagName = String(decoding: name, as: UTF8.self)
        var length = k + 1 - i
        if !closing, skippedElements.contains(tagName) {
            let close = Array("</\(tagName)".utf8)
            if let end = find(b, close, from: k + 1, within: 1 << 20, caseless: true),
               let gt = find(b, [0x3E], from: end, within: 64) {
                length = gt + 1 - i
            }
        }
        return (length, blockTags.contains(tagName))
    }

    /// The character entity that starts at `i` (`&amp;`, `&nbsp;`, `&#1575;`, `&#x627;`), if one does.
    static func entity(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> (value: UInt32, length: Int)? {
        let n = b.count
        var j = i + 1
        guard j < n else { return nil }
        if b[j] == 0x23 {   // numeric
            j += 1
            var hex = false
            if j < n, b[j] | 0x20 == 0x78 { hex = true; j += 1 }
            var value: UInt32 = 0
            let digitsStart = j
            while j < n, j - digitsStart < 7 {
                let x = b[j]
                let d: UInt32
                if x >= 0x30 && x <= 0x39 { d = UInt32(x - 0x30) }
                else if hex, (x | 0x20) >= 0x61, (x | 0x20) <= 0x66 { d = UInt32((x | 0x20) - 0x61 + 10) }
                else { break }
                value = value * (hex ? 16 : 10) + d
                j += 1
            }
            guard j > digitsStart, j < n, b[j] == 0x3B else { return nil }
            // A reference to a character XML or Unicode forbids reads as a replacement character.
            if value == 0 || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF) { value = 0xFFFD }
            return (value, j + 1 - i)
        }
        var name: [UInt8] = []
        while j < n, name.count < 8, (b[j] | 0x20) >= 0x61, (b[j] | 0x20) <= 0x7A { name.append(b[j]); j += 1 }
        guard name.count >= 2, j < n, b[j] == 0x3B else { return nil }
        let value: UInt32
        switch String(decoding: name, as: UTF8.self) {
        case "amp": value = 0x26
        case "lt": value = 0x3C
        case "gt": value = 0x3E
        case "quot": value = 0x22
        case "apos": value = 0x27
        case "nbsp", "ensp", "emsp", "thinsp": value = 0x20
        case "laquo": value = 0xAB
        case "raquo": value = 0xBB
        case "ldquo", "rdquo", "bdquo": value = 0x201C
        case "lsquo", "rsquo": value = 0x2018
        case "ndash": value = 0x2013
        case "mdash": value = 0x2014
        case "hellip": value = 0x2026
        case "zwnj": value = 0x200C
        case "zwj": value = 0x200D
        case "lrm": value = 0x200E
        case "rlm": value = 0x200F
        case "shy": value = 0xAD
        default: return nil
        }
        return (value, j + 1 - i)
    }

    static func isNameByte(_ x: UInt8) -> Bool {
        (x | 0x20) >= 0x61 && (x | 0x20) <= 0x7A || (x >= 0x30 && x <= 0x39) || x == 0x2D || x == 0x3A
    }

    /// Where `needle` next occurs in `b`, from `from` and at most `within` bytes on; ASCII letters
    /// compare without case when `caseless`.
    static func find(_ b: UnsafeBufferPointer<UInt8>, _ needle: [UInt8], from: Int, within: Int,
                     caseless: Bool = false) -> Int? {
        let fold: UInt8 = caseless ? 0x20 : 0
        let end = min(b.count - needle.count, from + within)
        var k = from
        while k <= end {
            var m = 0
            while m < needle.count, (b[k + m] | fold) == (needle[m] | fold) { m += 1 }
            if m == needle.count { return k }
            k += 1
        }
        return nil
    }
}

/// A growable byte buffer without copy-on-write checks: the word the tokenizer is reading, appended
/// to byte by byte (an array checked its uniqueness and capacity at every byte). Freed by its owner.
struct ByteBuffer {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 8)
        base = .allocate(capacity: self.capacity)
    }

    func deallocate() { base.deallocate() }

    subscript(i: Int) -> UInt8 { base[i] }
    var buffer: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }
    var array: [UInt8] { Array(buffer) }

    mutating func removeAll() { count = 0 }

    /// Room for `n` more bytes: one compare inline, the growing out of line.
    @inline(__always) private mutating func reserve(_ n: Int) {
        if count + n > capacity { grow(n) }
    }

    @inline(never) private mutating func grow(_ n: Int) {
        var c = capacity * 2
        while c < count + n { c *= 2 }
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: c)
        grown.update(from: base, count: count)
        base.deallocate()
        base = grown; capacity = c
    }

    /// Appends the first `length` (at most 4) of the bytes packed in `packed`, first byte lowest: all
    /// four are stored, and the count moves by `length`.
    @inline(__always) mutating func append(utf8 packed: UInt32, length: Int) {
        reserve(4)
        UnsafeMutableRawPointer(base + count).storeBytes(of: packed.littleEndian, as: UInt32.self)
        count += length
    }

    /// Puts `bytes` before the bytes held.
    mutating func prepend(_ bytes: [UInt8]) {
        guard !bytes.isEmpty else { return }
        reserve(bytes.count)
        memmove(base + bytes.count, base, count)
        bytes.withUnsafeBufferPointer { base.update(from: $0.baseAddress!, count: bytes.count) }
        count += bytes.count
    }
}
