import ArabicText

/// One closed word class: asks the shared table of class bits whether a word carries this one.
public struct WordClass: Sendable {
    @usableFromInline let masks: WordTable<UInt32>
    @usableFromInline let bit: UInt32
    /// The ontology whose word facts (`LexemeFacts.owner`) carry these classes.
    @usableFromInline let owner: UInt64

    @inlinable public func contains(_ word: String) -> Bool {
        guard let e = masks.entry(word) else { return false }
        return masks.values[e] & bit != 0
    }

    /// `contains` for a word given as UTF-8 bytes.
    @inlinable public func contains(utf8 word: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let e = masks.entry(word) else { return false }
        return masks.values[e] & bit != 0
    }
}

/// Closed word classes the linker and the relation frames read, from `wordclasses.tsv` (folded forms).
///
/// They are data, not code: an analyst adds a preposition, a head word or a count word there.
/// All classes share one table from a word to the bits of its classes, so asking a class is one
/// probe, and copying the classes (the relation frames keep them at hand) retains one table.
public struct WordClasses: Sendable {
    @usableFromInline var masks = WordTable<UInt32>()
    /// The ontology's `serial`: whose word facts carry the class bits.
    @usableFromInline var owner: UInt64 = 0

    public var relatives: WordClass { WordClass(masks: masks, bit: 1 << 0, owner: owner) }
    public var prepositions: WordClass { WordClass(masks: masks, bit: 1 << 1, owner: owner) }
    public var eventPrepositions: WordClass { WordClass(masks: masks, bit: 1 << 2, owner: owner) }
    public var clauseOpeners: WordClass { WordClass(masks: masks, bit: 1 << 3, owner: owner) }
    public var subjectPronouns: WordClass { WordClass(masks: masks, bit: 1 << 4, owner: owner) }
    public var prepPronouns: WordClass { WordClass(masks: masks, bit: 1 << 5, owner: owner) }
    public var quantities: WordClass { WordClass(masks: masks, bit: 1 << 6, owner: owner) }
    public var countWords: WordClass { WordClass(masks: masks, bit: 1 << 7, owner: owner) }
    public var lossVerbs: WordClass { WordClass(masks: masks, bit: 1 << 8, owner: owner) }
    public var consequenceWords: WordClass { WordClass(masks: masks, bit: 1 << 9, owner: owner) }
    public var listingWords: WordClass { WordClass(masks: masks, bit: 1 << 10, owner: owner) }
    public var coordinationStops: WordClass { WordClass(masks: masks, bit: 1 << 11, owner: owner) }
    public var positionNouns: WordClass { WordClass(masks: masks, bit: 1 << 12, owner: owner) }
    public var fighterNouns: WordClass { WordClass(masks: masks, bit: 1 << 13, owner: owner) }
    public var placeParts: WordClass { WordClass(masks: masks, bit: 1 << 14, owner: owner) }
    public var superlatives: WordClass { WordClass(masks: masks, bit: 1 << 15, owner: owner) }
    public var forcesAdjectives: WordClass { WordClass(masks: masks, bit: 1 << 16, owner: owner) }
    public var placeHeads: WordClass { WordClass(masks: masks, bit: 1 << 17, owner: owner) }
    public var directions: WordClass { WordClass(masks: masks, bit: 1 << 18, owner: owner) }
    public var provisionalHeads: WordClass { WordClass(masks: masks, bit: 1 << 19, owner: owner) }
    public var notNames: WordClass { WordClass(masks: masks, bit: 1 << 20, owner: owner) }
    public var compoundStarts: WordClass { WordClass(masks: masks, bit: 1 << 21, owner: owner) }
    public var actorHeads: WordClass { WordClass(masks: masks, bit: 1 << 22, owner: owner) }
    public var quotedActorHeads: WordClass { WordClass(masks: masks, bit: 1 << 23, owner: owner) }
    public var genericAdjectives: WordClass { WordClass(masks: masks, bit: 1 << 24, owner: owner) }
    public var targetPrepositions: WordClass { WordClass(masks: masks, bit: 1 << 25, owner: owner) }
    public var targetPrepositionPronouns: WordClass { WordClass(masks: masks, bit: 1 << 26, owner: owner) }

    /// The class names of `wordclasses.tsv`, each required.
    public static let names: [String] = ["relative", "preposition", "event_preposition", "clause_opener", "subject_pronoun", "preposition_pronoun", "quantity", "count_word", "loss_verb", "consequence", "listing", "coordination_stop", "position_noun", "fighter_noun", "place_part", "superlative", "forces_adjective", "place_head", "provisional_head", "not_name", "compound_start", "actor_head", "quoted_actor_head", "generic_adjective", "target_preposition", "target_preposition_pronoun"]

    /// Adds folded forms to the class named `name`; false for an unknown class.
    mutating func add(_ forms: Set<String>, to name: String) -> Bool {
        guard let index = Self.bitIndex[name] else { return false }
        for w in forms {
            let (e, inserted) = masks.insert(w) { 1 << index }
            if !inserted { masks.setValue(masks.values[e] | 1 << index, at: e) }
        }
        return true
    }

    /// Each class name's bit.
    static let bitIndex: [String: UInt32] = [
        "relative": 0,
        "preposition": 1,
        "event_preposition": 2,
        "clause_opener": 3,
        "subject_pronoun": 4,
        "preposition_pronoun": 5,
        "quantity": 6,
        "count_word": 7,
        "loss_verb": 8,
        "consequence": 9,
        "listing": 10,
        "coordination_stop": 11,
        "position_noun": 12,
        "fighter_noun": 13,
        "place_part": 14,
        "superlative": 15,
        "forces_adjective": 16,
        "place_head": 17,
        "direction": 18,
        "provisional_head": 19,
        "not_name": 20,
        "compound_start": 21,
        "actor_head": 22,
        "quoted_actor_head": 23,
        "generic_adjective": 24,
        "target_preposition": 25,
        "target_preposition_pronoun": 26,
    ]
}
