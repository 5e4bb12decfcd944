import ArabicText

/// What the ontology knows of one word form, worked out once per form (when a `Vocabulary` first
/// interns it) rather than at every question the linker and the relation frames ask of a token.
struct WordFacts {
    /// Word classes of the form as written.
    var textClasses: UInt32
    /// Word classes of any of its linking readings (`Ontology.linkReadings`).
    var linkClasses: UInt32
    /// Single-word cue types of any of its trigger readings.
    var cueWords: UInt16
    /// `FirstWord` bits of any of its trigger readings.
    var firstBits: UInt8
    /// One of its linking readings begins a lexicon entry (an alias or a place name).
    var lexiconStart: Bool
    /// One of its linking readings is an anaphor.
    var anaphor: Bool

    init(_ f: LexemeFacts) {
        textClasses = UInt32(truncatingIfNeeded: f.a)
        linkClasses = UInt32(truncatingIfNeeded: f.a >> 32)
        cueWords = UInt16(truncatingIfNeeded: f.b)
        firstBits = UInt8(truncatingIfNeeded: f.b >> 16)
        lexiconStart = f.b & (1 << 24) != 0
        anaphor = f.b & (1 << 25) != 0
    }
}

extension CueType {
    /// The type's bit in `WordFacts.cueWords`.
    var bit: UInt16 {
        switch self {
        case .negation: 1 << 0
        case .persist: 1 << 1
        case .denial: 1 << 2
        case .hedge: 1 << 3
        case .intention: 1 << 4
        case .threat: 1 << 5
        case .attribution: 1 << 6
        case .boundary: 1 << 7
        case .container: 1 << 8
        case .casualty: 1 << 9
        case .speech: 1 << 10
        case .placecue: 1 << 11
        case .light: 1 << 12
        case .loss: 1 << 13
        case .actorcue: 1 << 14
        }
    }
}

extension Ontology {
    /// The readings the linker tries for the first word of a name: the proclitic readings, and for a
    /// three-letter word after و also the two letters left (وأم المياذن: a two-letter first word).
    public static func linkReadings(_ t: Token) -> [String] {
        guard t.isWord else { return [t.text] }
        var readings = t.proclitics
        if t.text.unicodeScalars.count == 3, t.text.utf8HasPrefix("و") {
            readings.append(String(t.text.unicodeScalars.dropFirst()))
        }
        return readings
    }

    /// Works out the facts of a form (`Vocabulary`'s analyser).
    func analyse(_ l: Lexeme) -> LexemeFacts {
        let t = Token(range: 0..<0, lexeme: l)
        let masks = wordClasses.masks
        func classes(_ w: String) -> UInt32 {
            guard let e = masks.entry(w) else { return 0 }
            return masks.values[e]
        }
        let textClasses = classes(l.text)
        var linkClasses: UInt32 = 0
        var lexiconStart = false, anaphor = false
        for r in Ontology.linkReadings(t) {
            linkClasses |= classes(r)
            if lexicon.startsEntry(r) { lexiconStart = true }
            if anaphors[r] != nil { anaphor = true }
        }
        var cueWords: UInt16 = 0
        var firstBits: UInt8 = 0
        if t.isWord {
            for r in l.readings {
                if let e = firstWords.entry(r) { firstBits |= firstWords.values[e] }
                for c in cues[r] ?? [] { cueWords |= c.bit }
            }
        }
        let a = UInt64(textClasses) | UInt64(linkClasses) << 32
        let b = UInt64(cueWords) | UInt64(firstBits) << 16 | (lexiconStart ? 1 << 24 : 0) | (anaphor ? 1 << 25 : 0)
        return LexemeFacts(owner: serial, a: a, b: b)
    }

    /// The facts of a token's form: as its vocabulary attached them, or worked out now for a token
    /// tokenized without this ontology's vocabularies.
    @inline(__always)
    func facts(_ t: Token) -> WordFacts {
        let f = t.lexeme.facts
        return WordFacts(f.owner == serial ? f : analyse(t.lexeme))
    }

    /// Tokenizes `text` with a vocabulary of this ontology's (each form's facts worked out once).
    public func tokenize(_ text: String) -> TokenizedText {
        guard let vocabularies else { return Tokenizer.tokenize(text) }
        return vocabularies.with { Tokenizer.tokenize(text, vocabulary: $0) }
    }

    /// Makes the vocabularies, once the ontology is loaded (facts are of the ontology as it is then).
    func makeVocabularies() {
        vocabularies = VocabularyPool { [unowned self] in Vocabulary { self.analyse($0) } }
    }

    /// Whether one of the token's linking readings begins a lexicon entry: asked before `lexicon.longestMatch`.
    @inline(__always)
    public func mayStartName(_ t: Token) -> Bool { facts(t).lexiconStart }

    /// Whether one of the token's linking readings is an anaphor.
    @inline(__always)
    public func mayBeAnaphor(_ t: Token) -> Bool { facts(t).anaphor }

    /// Whether one of the token's linking readings is in the word class `c`.
    @inline(__always)
    public func linkReading(of t: Token, isIn c: WordClass) -> Bool { facts(t).linkClasses & c.bit != 0 }
}

extension WordClass {
    /// Whether the token's form, as written, is in the class.
    @inlinable
    public func contains(_ t: Token) -> Bool {
        let f = t.lexeme.facts
        if f.owner == owner { return UInt32(truncatingIfNeeded: f.a) & bit != 0 }
        return contains(t.text)
    }
}
