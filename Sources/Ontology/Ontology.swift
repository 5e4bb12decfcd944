import ActorGraphModel
import ArabicText

/// How an alias names its actor.
public enum AliasType: String, Sendable, CaseIterable {
    case name, abbrev, former, adjectival, variant, quoted, metonym, english, descriptor
    /// A nationality adjective that names the state only after an event noun (غارة روسية).
    case nisba
}

/// What a lexicon hit can be.
public enum LexiconEntry: Sendable, Hashable {
    /// An actor named by one of its aliases.
    case actor(NodeID, AliasType)
    /// A place of the gazetteer.
    case place(NodeID)
}

/// Words news uses for an actor named before (التنظيم، الحركة) or for a fixed one (النظام).
public struct Anaphor: Sendable, Hashable {
    /// Actors it may stand for, in order of preference when none was named before.
    public var candidates: [NodeID]
    /// The actor it stands for when no candidate was named earlier in the document.
    public var fallback: NodeID?
    /// Fallbacks by the country the story is set in (`SYRIAN_GOVERNMENT@sy|IRAQI_FORCES@iq`): place-id
    /// prefix → actor; the prefix most of the places named so far carry decides.
    public var countryFallbacks: [(prefix: String, node: NodeID)] = []

    public static func == (a: Anaphor, b: Anaphor) -> Bool {
        a.candidates == b.candidates && a.fallback == b.fallback && a.countryFallbacks.map(\.prefix) == b.countryFallbacks.map(\.prefix)
            && a.countryFallbacks.map(\.node) == b.countryFallbacks.map(\.node)
    }
    public func hash(into h: inout Hasher) { h.combine(candidates); h.combine(fallback) }
}

/// The relation frames the extractor implements; patterns.tsv chooses one per trigger.
public enum Frame: String, Sendable, CaseIterable {
    /// An event verb: agent before (SVO) or right after (VSO), patient after.
    case verb
    /// An event noun: agent as genitive (هجوم التنظيم) or the clause subject, patient after على/ضد.
    case noun
    /// A linking word between two actors: X المدعومة من Y، X يدعمها Y، X التابعة لـ Y، X حليفة Y.
    case link
    /// A preposition phrase tying the clause subject to an actor: إلى جانب Y، بالتنسيق مع Y.
    case accompany
    /// Control over an area: مناطق سيطرة X (في P)، P تحت سيطرة X.
    case area
    /// A clash between two actors, no attacker named: اشتباكات بين X وY، اشتبك X مع Y.
    case clash
    /// The patient is the subject: تعرض Y لقصف من X.
    case undergo
    /// Repelling an attack: the attacker is the attack noun's genitive, the repeller the patient.
    case repel
    /// Taking a place from an actor (استعاد X P من Y): X attacked Y.
    case regain
    /// Losses: victims after the word, the agent after them (مقتل خمسة من مقاتلي X بقصف تركي).
    case casualty
    /// A joint operation: the actors carrying it out are allied (نفذت X وY عملية مشتركة، عملية مشتركة مع Y).
    case joint
    /// A leader apposition: a person, قائد/زعيم/أمير X.
    case leader
    /// A verbal noun whose genitive is the patient (استهداف معاقل X، إعدام عناصر X); agent = clause subject.
    case masdar
}

/// One trigger of patterns.tsv.
public struct Trigger: Sendable, Hashable {
    public var relation: RelationType
    public var frame: Frame
    /// The form as listed (normalized), for explanations.
    public var lemma: String
    public var strength: Double
    /// The trigger's patient is civilians by default (مجزرة).
    public var defaultPatient: NodeID?
}

/// Cue words that change how an event is read.
public enum CueType: String, Sendable, CaseIterable {
    case negation, persist, denial, hedge, intention, threat, attribution, boundary, container, casualty, speech, placecue, light, loss, actorcue
}

/// The loaded ontology: actors, aliases, places, anaphors, triggers and cues, ready for matching.
/// A class: it is built once by `load` and then only read, from every worker thread; as a struct,
/// every copy (into a linker, a frame state, a closure) retained each of its tables. The tables are
/// written only while loading, before the ontology is shared: reads in this module skip the dynamic
/// exclusivity check (other modules keep what they read often, as the linker keeps `wordClasses`).
public final class Ontology: @unchecked Sendable {
    @exclusivity(unchecked) public internal(set) var nodes: [NodeID: Node] = [:]
    /// The gazetteer type of each place (city, village, river …).
    @exclusivity(unchecked) public internal(set) var placeTypes: [NodeID: String] = [:]
    /// Aliases and place names by normalized token sequence.
    @exclusivity(unchecked) public internal(set) var lexicon = TokenTrie<LexiconEntry>()
    /// Anaphors by normalized word (article as written: التنظيم).
    @exclusivity(unchecked) public internal(set) var anaphors = WordMap<Anaphor>()
    /// Triggers by normalized token sequence, article removed from the first token.
    @exclusivity(unchecked) public internal(set) var triggers = TokenTrie<Trigger>()
    @exclusivity(unchecked) public internal(set) var cues = WordMap<[CueType]>()
    /// Multi-word cues by token sequence.
    @exclusivity(unchecked) public internal(set) var cuePhrases = TokenTrie<CueType>()
    /// Every normalized name of every node, for the CLI's name lookup and suggestions.
    @exclusivity(unchecked) public internal(set) var names: [(name: String, node: NodeID)] = []
    /// Loading counts, for reports.
    @exclusivity(unchecked) public internal(set) var counts = Counts()
    /// Closed word classes (wordclasses.tsv).
    @exclusivity(unchecked) public internal(set) var wordClasses = WordClasses()
    /// One-word triggers as written with an enclitic pronoun (هجماته، سيطرتها، قتلوهم), by surface form:
    /// the trigger's key and the pronoun, in the order `Clitics.encliticReadings` would try them.
    @exclusivity(unchecked) public internal(set) var encliticTriggers = WordMap<[(key: String, pronoun: String)]>()
    /// For each word that can begin a trigger or a cue, which of those lookups can succeed
    /// (`FirstWord`): asked first, so a token that begins none costs one probe per reading.
    @exclusivity(unchecked) public internal(set) var firstWords = WordTable<UInt8>()
    /// Gazetteer names without their head word, indexed once every file is loaded.
    @exclusivity(unchecked) var bareNames: [(key: [String], node: NodeID)] = []

    public struct Counts: Sendable {
        public var actors = 0, aliases = 0, places = 0, placeNames = 0, anaphors = 0, triggers = 0, triggerForms = 0, cues = 0
    }

    /// Tells this ontology's word facts from another's (`LexemeFacts.owner`).
    public let serial = UInt64.random(in: 1...UInt64.max)
    /// Vocabularies for tokenizing with this ontology's word facts (made when loading ends).
    @exclusivity(unchecked) var vocabularies: VocabularyPool?

    public init() { wordClasses.owner = serial }

    public func node(_ id: NodeID) -> Node? { nodes[id] }

    /// Normalized key of a name as the lexicon stores it.
    public static func key(_ name: String) -> [String] {
        ArabicNormalizer.normalize(name).split(separator: " ").map(String.init)
    }
}
