import ArabicText

/// Closed word classes the linker and the relation frames read, from `wordclasses.tsv` (folded forms).
///
/// They are data, not code: an analyst adds a preposition, a head word or a count word there.
public struct WordClasses: Sendable {
    public internal(set) var relatives: WordSet = []
    public internal(set) var prepositions: WordSet = []
    public internal(set) var eventPrepositions: WordSet = []
    public internal(set) var clauseOpeners: WordSet = []
    public internal(set) var subjectPronouns: WordSet = []
    public internal(set) var prepPronouns: WordSet = []
    public internal(set) var quantities: WordSet = []
    public internal(set) var countWords: WordSet = []
    public internal(set) var lossVerbs: WordSet = []
    public internal(set) var consequenceWords: WordSet = []
    public internal(set) var listingWords: WordSet = []
    public internal(set) var coordinationStops: WordSet = []
    public internal(set) var positionNouns: WordSet = []
    public internal(set) var fighterNouns: WordSet = []
    public internal(set) var placeParts: WordSet = []
    public internal(set) var superlatives: WordSet = []
    public internal(set) var forcesAdjectives: WordSet = []
    public internal(set) var placeHeads: WordSet = []
    public internal(set) var directions: WordSet = []
    public internal(set) var provisionalHeads: WordSet = []
    public internal(set) var notNames: WordSet = []
    public internal(set) var compoundStarts: WordSet = []
    public internal(set) var actorHeads: WordSet = []
    public internal(set) var quotedActorHeads: WordSet = []
    public internal(set) var genericAdjectives: WordSet = []

    /// The class names of `wordclasses.tsv`, each required.
    public static let names: [String] = ["relative", "preposition", "event_preposition", "clause_opener", "subject_pronoun", "preposition_pronoun", "quantity", "count_word", "loss_verb", "consequence", "listing", "coordination_stop", "position_noun", "fighter_noun", "place_part", "superlative", "forces_adjective", "place_head", "provisional_head", "not_name", "compound_start", "actor_head", "quoted_actor_head", "generic_adjective"]

    /// Adds folded forms to the class named `name`; false for an unknown class.
    mutating func add(_ forms: Set<String>, to name: String) -> Bool {
        switch name {
        case "relative": relatives.formUnion(forms)
        case "preposition": prepositions.formUnion(forms)
        case "event_preposition": eventPrepositions.formUnion(forms)
        case "clause_opener": clauseOpeners.formUnion(forms)
        case "subject_pronoun": subjectPronouns.formUnion(forms)
        case "preposition_pronoun": prepPronouns.formUnion(forms)
        case "quantity": quantities.formUnion(forms)
        case "count_word": countWords.formUnion(forms)
        case "loss_verb": lossVerbs.formUnion(forms)
        case "consequence": consequenceWords.formUnion(forms)
        case "listing": listingWords.formUnion(forms)
        case "coordination_stop": coordinationStops.formUnion(forms)
        case "position_noun": positionNouns.formUnion(forms)
        case "fighter_noun": fighterNouns.formUnion(forms)
        case "place_part": placeParts.formUnion(forms)
        case "superlative": superlatives.formUnion(forms)
        case "forces_adjective": forcesAdjectives.formUnion(forms)
        case "place_head": placeHeads.formUnion(forms)
        case "direction": directions.formUnion(forms)
        case "provisional_head": provisionalHeads.formUnion(forms)
        case "not_name": notNames.formUnion(forms)
        case "compound_start": compoundStarts.formUnion(forms)
        case "actor_head": actorHeads.formUnion(forms)
        case "quoted_actor_head": quotedActorHeads.formUnion(forms)
        case "generic_adjective": genericAdjectives.formUnion(forms)
        default: return false
        }
        return true
    }
}
