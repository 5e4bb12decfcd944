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
    /// One of its proclitic readings is a definite place noun (`Ontology.placeAnaphorTypes`).
    var placeAnaphor: Bool
    /// Single-word cue types of the stems of its trigger readings without an enclitic pronoun (عناصره → عناصر).
    var encliticCues: UInt16
    /// Its single-word cue types in the order its readings give them (`CueType.bitIndex` + 1 per
    /// 4 bits, lowest first; 0 ends the list).
    var cueList: UInt64
    /// One of its proclitic readings names a day (`DayWords.namesDay`).
    var dayWord: Bool

    /// Inlined: a caller asks one or two of the fields, and the rest are then never unpacked (called,
    /// it was 2.8M calls and 63M instructions of a 2,000-document build).
    @inline(__always)
    init(_ f: LexemeFacts) {
        textClasses = UInt32(truncatingIfNeeded: f.a)
        linkClasses = UInt32(truncatingIfNeeded: f.a >> 32)
        cueWords = UInt16(truncatingIfNeeded: f.b)
        firstBits = UInt8(truncatingIfNeeded: f.b >> 16)
        lexiconStart = f.b & (1 << 24) != 0
        anaphor = f.b & (1 << 25) != 0
        placeAnaphor = f.b & (1 << 26) != 0
        encliticCues = UInt16(truncatingIfNeeded: f.b >> 32)
        cueList = f.c
        dayWord = f.b & (1 << 27) != 0
    }
}

extension CueType {
    /// The type's bit in `WordFacts.cueWords`. Inlinable, so that a test of a constant type in
    /// another module (`isCue(.container, …)`, inlined there) folds it to a constant, not a call.
    @inlinable var bit: UInt16 { 1 << bitIndex }

    /// The type's place among the cue bits.
    @usableFromInline var bitIndex: UInt16 {
        switch self {
        case .negation: 0
        case .persist: 1
        case .denial: 2
        case .hedge: 3
        case .intention: 4
        case .threat: 5
        case .attribution: 6
        case .boundary: 7
        case .container: 8
        case .casualty: 9
        case .speech: 10
        case .placecue: 11
        case .light: 12
        case .loss: 13
        case .actorcue: 14
        }
    }

    /// The type at `bitIndex` i.
    static let byBitIndex: [CueType] = {
        var out = [CueType](repeating: .negation, count: 16)
        for t in CueType.allCases { out[Int(t.bitIndex)] = t }
        return out
    }()
}

extension Ontology {
    /// The readings the linker tries for the first word of a name: the proclitic readings, and for a
    /// three-letter word after و also the two letters left (وأم المياذن: a two-letter first word).
    public static func linkReadings(_ t: Token) -> [String] { t.lexeme.linkReadings }

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
        var cueWords: UInt16 = 0, encliticCues: UInt16 = 0
        var cueList: UInt64 = 0, listed = 0
        var firstBits: UInt8 = 0
        var placeAnaphor = false, dayWord = false
        if t.isWord {
            for r in l.readings {
                if let e = firstWords.entry(r) { firstBits |= firstWords.values[e] }
                for c in cues[r] ?? [] {
                    if cueWords & c.bit == 0 { cueList |= UInt64(c.bitIndex + 1) << (4 * listed); listed += 1 }
                    cueWords |= c.bit
                }
                for (stem, _) in Clitics.encliticReadings(r) {
                    for c in cues[stem] ?? [] { encliticCues |= c.bit }
                }
            }
            placeAnaphor = l.proclitics.contains { Ontology.placeAnaphorTypes[$0] != nil }
            dayWord = l.proclitics.contains(where: DayWords.namesDay)
        }
        let a = UInt64(textClasses) | UInt64(linkClasses) << 32
        let b = UInt64(cueWords) | UInt64(firstBits) << 16 | (lexiconStart ? 1 << 24 : 0) | (anaphor ? 1 << 25 : 0)
            | (placeAnaphor ? 1 << 26 : 0) | (dayWord ? 1 << 27 : 0) | UInt64(encliticCues) << 32
        return LexemeFacts(owner: serial, a: a, b: b, c: cueList)
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

    /// Whether one of the token's proclitic readings is a definite place noun (المدينة، بالبلدة).
    @inline(__always)
    public func mayBePlaceAnaphor(_ t: Token) -> Bool { facts(t).placeAnaphor }

    /// Whether the token is a word one of whose proclitic readings names a day (أمس، بالجمعة): asked
    /// of every word by the event dates before they compare readings.
    @inline(__always)
    public func mayNameDay(_ t: Token) -> Bool { t.isWord && facts(t).dayWord }

    /// Whether the token is a word one of whose trigger readings, without an enclitic pronoun, is a
    /// single-word cue of `type` (عناصره: a container; شنتها: a light verb): asked before splitting pronouns off.
    @inline(__always)
    public func mayCarryPronoun(_ t: Token, after type: CueType) -> Bool { t.isWord && facts(t).encliticCues & type.bit != 0 }

    /// Definite place nouns that stand for a place just named, with the gazetteer types they can
    /// stand for; read with any proclitic (بالمدينة، وللبلدة، فالقرية).
    public static let placeAnaphorTypes: WordMap<Set<String>> = [
        "المدينه": ["city", "town"], "البلده": ["town", "village"], "القريه": ["village", "town"],
        "المطار": ["airport"], "المعبر": ["crossing"],
    ]

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
