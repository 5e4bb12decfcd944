import ActorGraphModel
import ArabicText
import Linking
import Ontology

/// The extractor's working state over one document.
///
/// A class: as a struct, the frames' nested functions and closures copied it (and destroyed the
/// copy) at every event. One thread reads one document's state, so its fields need no dynamic
/// exclusivity checks.
final class DocumentState {
    let doc: LinkedDocument
    let ontology: Ontology
    /// The closed word classes of wordclasses.tsv.
    let wc: WordClasses
    @exclusivity(unchecked) var relations: [Relation] = []
    @exclusivity(unchecked) var trace: [TraceEntry] = []
    /// Whether `trace` is kept (for `actorgraph extract --explain`); a build does without it.
    let tracing: Bool
    /// The agent of the last attack stated with its agent: who "تم استهداف" refers to.
    @exclusivity(unchecked) var lastAttacker: NodeID? = nil

    /// Mentions (indices) that are the object of a linking word (حليف دمشق): not pronoun antecedents.
    @exclusivity(unchecked) var linkObjects = Set<Int>()
    /// Mentions right after an accompanying phrase (بالتنسيق مع X، بإسناد من X): partners, not subjects.
    @exclusivity(unchecked) var accompanyObjects = Set<Int>()
    /// For a linking word's object, the mention the linking word follows (X المبايع لـ Y: Y → X).
    @exclusivity(unchecked) var linkLeftOf: [Int: Int] = [:]

    /// Agents of the events read so far in this sentence.
    @exclusivity(unchecked) var sentenceAgents: [Mention] = []
    /// Targets of the attacks read so far in this sentence.
    @exclusivity(unchecked) var sentencePatients = Set<NodeID>()

    // Sentence being read.
    @exclusivity(unchecked) var sentenceDate: String? = nil
    @exclusivity(unchecked) var si = 0
    @exclusivity(unchecked) var lo = 0
    @exclusivity(unchecked) var hi = 0

    /// Per token, computed once: the triggers starting there and the cues (phrases included).
    /// (Single-word cue types are asked of the ontology: its word facts answer at once.)
    let hits: TokenLists<TriggerHit>
    let phraseCues: TokenLists<(type: CueType, length: Int)>

    init(doc: LinkedDocument, ontology: Ontology, tracing: Bool = true) {
        self.doc = doc
        self.tracing = tracing
        self.ontology = ontology
        self.wc = ontology.wordClasses
        tokens = doc.tokens
        mentions = doc.mentions
        mentionAt = doc.mentionAt
        depth = doc.depth
        (hits, phraseCues) = ontology.tokenTables(doc.tokens, sentences: doc.sentences)
    }

    /// The document's tokens, mentions, token → mention index and bracket depths, kept here: read
    /// through `doc` at every question, each read retained and released the array.
    let tokens: [Token]
    let mentions: [Mention]
    let mentionAt: [Int]
    let depth: [Int]

    // MARK: - Driving

    func run(sentence: Int) {
        si = sentence
        lo = doc.sentences[sentence].tokens.lowerBound
        hi = doc.sentences[sentence].tokens.upperBound
        sentenceDate = EventDates.date(sentence: doc.tokens[lo..<hi], documentDate: doc.document.date,
                                       mayNameDay: ontology.mayNameDay)
        sentenceAgents = []
        sentencePatients = []
        linkLeftOf = [:]
        markLinkObjects()
        impliedLinks()
        var i = lo
        while i < hi {
            // Most tokens start no trigger: asked first, without making the token's list.
            if hits.isEmpty(i) || (mentionAt[i] >= 0 && mentions[mentionAt[i]].via != .anaphor) { i += 1; continue }
            // The longest hit's length, counted while applying (not a mapped array per trigger token).
            let list = hits[i]
            var longest = 1
            for hit in list {
                apply(hit, at: i)
                longest = max(longest, hit.length)
            }
            i += longest
        }
    }

    /// An allied-with edge stated by a preposition of company (X مع Y).
    func addAllied(_ a: NodeID, _ b: NodeID, trigger k: Int) {
        guard a != b else { return }
        relations.append(Relation(source: a, type: .alliedWith, target: b, sentence: si, sentenceRange: doc.sentences[si].bytes,
                                  trigger: text(k..<(k + 1)), frame: "accompany", confidence: 0.7, hedged: false, date: sentenceDate))
        if tracing {
            trace.append(TraceEntry(sentence: si, trigger: tokens[k].text, frame: "accompany", relation: .alliedWith, outcome: "edge \(a)→\(b) (acting together)"))
        }
    }

    /// Links an alias states itself (الميليشيات الموالية لإيران، قائد فيلق القدس): the actor and the one named inside.
    func impliedLinks() {
        var k = lo
        while k < hi {
            guard mentionAt[k] >= 0 else { k += 1; continue }
            let m = mentions[mentionAt[k]]
            k = max(k + 1, m.tokens.upperBound)
            guard let inner = m.inner, m.via != .anaphor,
                  let j = m.tokens.first(where: { hits.contains($0) { $0.trigger.relation == .alliedWith } }),
                  let t = hits.first(j, where: { $0.trigger.relation == .alliedWith })?.trigger else { continue }
            relations.append(Relation(source: m.node, type: .alliedWith, target: inner, sentence: si,
                                      sentenceRange: doc.sentences[si].bytes, trigger: text(j..<(j + 1)), frame: t.frame.rawValue,
                                      confidence: (t.strength * 900).rounded() / 1000, hedged: false, date: sentenceDate))
            if tracing {
                trace.append(TraceEntry(sentence: si, trigger: t.lemma, frame: t.frame.rawValue, relation: .alliedWith,
                                        outcome: "edge \(m.node)→\(inner) (inside the name «\(m.surface)»)"))
            }
        }
    }

    /// Marks the mentions right after a linking word of this sentence.
    func markLinkObjects() {
        var i = lo
        while i < hi {
            // Inside a name (الفصائل المدعومة من تركيا) the linking word links nothing outside it.
            let inName = mentionAt[i] >= 0 && mentions[mentionAt[i]].via != .anaphor
            if !hits.isEmpty(i), !inName, let h = hits.first(i, where: { $0.trigger.frame == .link || $0.trigger.frame == .accompany }) {
                let from = i + h.length
                if let m = firstMention(from: from, window: 2, want: { _ in true }) {
                    linkObjects.insert(mentionAt[m.tokens.lowerBound])
                    var b = i - 1
                    while b >= lo, b >= i - 2, mentionAt[b] < 0, tokens[b].kind != .punct { b -= 1 }
                    if b >= lo, b >= i - 2, mentionAt[b] >= 0, (b + 1..<i).allSatisfy({ adjectiveLike(tokens[$0].text) }) {
                        linkLeftOf[mentionAt[m.tokens.lowerBound]] = mentionAt[b]
                    }
                    if h.trigger.frame == .accompany { accompanyObjects.insert(mentionAt[m.tokens.lowerBound]) }
                }
                i = from
            } else { i += 1 }
        }
    }

    func apply(_ hit: TriggerHit, at i: Int) {
        let t = hit.trigger
        let end = i + hit.length
        var pairs: [(NodeID, NodeID, Double)] = []   // source, target, confidence factor
        var note = ""
        switch t.frame {
        case .verb, .noun, .masdar:
            (pairs, note) = event(hit, i, end)
        case .link:
            (pairs, note) = link(hit, i, end)
        case .accompany:
            (pairs, note) = accompany(hit, i, end)
        case .area:
            (pairs, note) = area(hit, i, end)
        case .clash:
            (pairs, note) = clash(hit, i, end)
        case .undergo:
            (pairs, note) = undergo(hit, i, end)
        case .joint:
            (pairs, note) = joint(hit, i, end)
        case .repel:
            (pairs, note) = repel(hit, i, end)
        case .regain:
            (pairs, note) = regain(hit, i, end)
        case .casualty:
            (pairs, note) = casualty(hit, i, end)
        case .leader:
            (pairs, note) = leader(hit, i, end)
        }
        if pairs.isEmpty {
            if tracing {
                trace.append(TraceEntry(sentence: si, trigger: t.lemma, frame: t.frame.rawValue, relation: t.relation,
                                        outcome: "no edge: " + (note.isEmpty ? "no frame matched" : note)))
            }
            return
        }
        // Cues. An area of control is a state of affairs: only a denial undoes it.
        var mood = self.mood(before: i, after: end, relation: t.relation)
        if t.frame == .area, mood.drop != "denied" { mood.drop = nil; mood.attempt = false }
        // يحاول الجيش التركي والفصائل المدعومة منه …: a participle of support states a standing link.
        if t.frame == .link, mood.drop != "denied", mood.drop != "negated" { mood.drop = nil; mood.attempt = false }
        if let drop = mood.drop {
            if tracing {
                trace.append(TraceEntry(sentence: si, trigger: t.lemma, frame: t.frame.rawValue, relation: t.relation,
                                        outcome: "dropped (\(drop)): " + pairs.map { "\($0.0)→\($0.1)" }.joined(separator: ", ")))
            }
            return
        }
        let surface = text(i..<end)
        var made: [String] = []
        for (s, o, f) in pairs where s != o {
            var conf = t.strength * f
            if mood.hedged { conf *= 0.5 }
            if mood.attempt { conf *= 0.7 }
            // Made in the append (a relation made first and appended after was copied, its strings retained).
            relations.append(Relation(source: s, type: t.relation, target: o, sentence: si,
                                      sentenceRange: doc.sentences[si].bytes, trigger: surface, frame: t.frame.rawValue,
                                      confidence: (conf * 1000).rounded() / 1000, hedged: mood.hedged, date: sentenceDate))
            if tracing { made.append("\(s)→\(o)") }
            if t.relation == .attacked && f >= 0.8 { lastAttacker = s }
            if t.relation == .attacked { sentencePatients.insert(o) }
            if t.relation != .alliedWith, t.frame != .repel, !sentenceAgents.contains(where: { $0.node == s }) {
                sentenceAgents.append(syntheticMention(s, at: i))
            }
        }
        if tracing {
            trace.append(TraceEntry(sentence: si, trigger: t.lemma, frame: t.frame.rawValue, relation: t.relation,
                                    outcome: (mood.hedged ? "hedged " : "") + (mood.attempt ? "attempt " : "") + "edge " + made.joined(separator: ", ") + (note.isEmpty ? "" : " (\(note))")))
        }
    }

    // MARK: - Frames

    /// verb · noun · masdar: an event with an agent and a patient (actor for attacks, place for control).
    func event(_ hit: TriggerHit, _ i: Int, _ end: Int) -> ([(NodeID, NodeID, Double)], String) {
        let rel = hit.trigger.relation
        let placeTypes = ontology.placeTypes
        // The partner of an actor in a linking phrase (مواقع الفصائل المدعومة من تركيا، X المبايع لـ Y) is
        // not the target; the owner of unnamed positions is (مقرات الفرقة 13 التابعة للجيش الحر).
        let linkLeftOf = self.linkLeftOf
        let mentionAt = self.mentionAt
        let wantPatient: (Mention) -> Bool = rel == .controls
            ? { $0.kind == .location && placeTypes[$0.node] != "river" }
            : { $0.kind.isActor && linkLeftOf[mentionAt[$0.tokens.lowerBound]] == nil }
        var agents: [Mention] = []
        var agentFactor = 1.0
        var patients: [Mention] = []
        var after = end
        // A verb, or an event noun carried by a light verb (نفذا ضربات), is an event of the clause.
        var clauseEvent = hit.trigger.frame == .verb

        // Patient reached through a pronoun on على (سيطرة X عليها).
        func patientsAfter(_ from: Int) -> [Mention] {
            if let (k, pron) = findPreposition(from: from, window: 8) {
                if pron != nil {
                    if let m = rel == .controls ? referentPlace(before: i) : referent(before: i, excluding: Set(agents.map(\.node))) {
                        return [m]
                    }
                    return []
                }
                if rel == .attacked, k + 1 < hi, !hasMention(k + 1), containerPronoun(k + 1) != nil,
                   let m = referent(before: i, excluding: Set(agents.map(\.node))) {
                    return group(m)                     // على مواقعهم
                }
                return collect(from: k + 1, window: 6, want: wantPatient)
            }
            return []
        }

        switch hit.trigger.frame {
        case .verb:
            if rel == .attacked, hit.pronoun != nil, i - 1 >= lo, let object = mention(i - 1), object.kind.isActor,
               !tokens[object.tokens.lowerBound].text.utf8HasPrefix("ال"),
               object.kind == .population || isCue(.container, object.tokens.lowerBound) {
                // A relative clause without الذي follows an indefinite noun only: عسكريين لبنانيين خطفهم.
                // تسعة عسكريين لبنانيين خطفهم (التنظيم): the noun before is what the pronoun stands for.
                guard let a = firstMention(from: end, window: 2, want: { self.isAgent($0) && $0.node != object.node })
                        ?? referent(before: object.tokens.lowerBound, excluding: [object.node]) else { return ([], "no agent") }
                return ([(a.node, object.node, 0.8)], "object before the verb")
            }
            if i - 1 >= lo, wc.eventPrepositions.contains(tokens[i - 1]) {
                return ([], "a verbal noun after a preposition (بعد طرد)")
            }
            if startsWithConj(i), i - 1 >= lo, isWord(i - 1), !hasMention(i - 1), !tokens[i - 1].quoteAfter,
               !tokens[i - 1].text.utf8HasPrefix("ل"), !tokens[i - 1].text.utf8HasPrefix("ب"),
               hits.contains(i - 1, where: { $0.trigger.frame != .verb }) || isCue(.casualty, i - 1) {
                return ([], "a verbal noun coordinated with a noun (مقتل وجرح)")
            }
            if i - 1 >= lo, isWord(i - 1), !hasMention(i - 1),
               hits.contains(i - 1, where: { $0.pronoun != nil && $0.trigger.relation == .attacked })
                || containerPronoun(i - 1) != nil,
               let a = referent(before: i - 1, excluding: []) {
                agents = [a]; agentFactor = 0.85             // إن غاراته قتلت …
            } else if let a = pronounSubject(i) {
                agents = group(a); agentFactor = 0.9
            } else if let a = fightersSubject(before: i) {
                agents = [a]; agentFactor = 0.85               // أن وحداتها قصفت …، أن المقاتلين سيطروا على …
            } else if let a = subjectBefore(i), isAgent(a) {
                agents = group(a)
            } else if rel == .attacked, let a = instrumentSubject(i) {
                agents = group(a); agentFactor = 0.85      // X يقف وراء تفجير استهدف …، X زرعوا العبوة التي استهدفت …
            } else if rel == .attacked, let (a, past) = eventSubject(after: end) {
                agents = a; after = past                    // قتلت غارات التحالف …، استهدفت غارة روسية …
            } else if rel == .attacked, hit.length == 1, !hasSubjectSuffix(i, hit), !(startsWithConj(i) && !sentenceAgents.isEmpty),
                      let v = firstMention(from: end, window: 7, want: { $0.kind.isActor }), passiveReading(end, v) {
                // قُتل ثلاثة من عناصر X بغارة روسية / استُهدف رتل للقوات التركية بعبوة زرعتها Y
                let victims = collect(from: v.tokens.lowerBound, window: 0, want: { $0.kind.isActor })
                guard let (a, f) = passiveAgent(after: victims.map { $0.tokens.upperBound }.max()!) else { return ([], "passive with no agent") }
                return (victims.filter { $0.node != a }.map { (a, $0.node, f) }, "passive")
            } else if !hasSubjectSuffix(i, hit), let a = firstMention(from: end, window: 5, want: { self.isAgent($0) }), !objectBetween(end, a) {
                agents = group(a)
                after = skipInterjection(from: agents.map { $0.tokens.upperBound }.max()!)
                // With a partner: سيطر مقاتلو X مع Y على P — both act, and together.
                if after + 1 < hi, tokens[after].marker == .maa || tokens[after].marker == .birifqa,
                   let p = mention(after + 1), isAgent(p), !agents.contains(where: { $0.node == p.node }) {
                    for a in agents { addAllied(a.node, p.node, trigger: after) }
                    agents.append(p); after = p.tokens.upperBound
                }
            } else if startsWithConj(i), !sentenceAgents.isEmpty {
                // قصفت X البلدة وقتلت …: the subject of the last event.
                let last = sentenceAgents.map { $0.tokens.lowerBound }.max()!
                agents = sentenceAgents.filter { $0.tokens.lowerBound == last }; agentFactor = 0.85
            } else if let a = nearestBefore(i, sameClause: true, want: { self.isAgent($0) }) {
                agents = group(a); agentFactor = 0.8
            } else if i - 1 >= lo, startsWithConj(i) || tokens[i - 1].text.isOne(of: "ثم", "وثم"),
                      let t = mentions.first(where: { $0.tokens.lowerBound >= lo && $0.tokens.lowerBound < i && self.isAgent($0) }),
                      t.tokens.lowerBound <= lo + 6, depth[t.tokens.lowerBound] == 0, !linkObjects.contains(mentionAt[t.tokens.lowerBound]) {
                agents = group(t); agentFactor = 0.75          // حاصرت X البلدة، ثم دخلتها: the sentence's subject
            } else if rel == .attacked, wc.lossVerbs.contains(hit.trigger.lemma),
                      let v = nearestBefore(i, window: 10, want: { $0.kind.isActor }) {
                // ستة مدنيين، بينهم طفلان، قتلوا جراء غارات التحالف: victims first, the agent after.
                guard let (a, f) = passiveAgent(after: end) else { return ([], "victims with no agent") }
                return (group(v).filter { $0.node != a }.map { (a, $0.node, f) }, "passive")
            } else if rel == .controls, i - 1 >= lo, wc.relatives.contains(tokens[i - 1]),
                      let a = referent(before: i - 1, excluding: Set(sentenceAgents.map(\.node))) ?? referent(before: i - 1, excluding: []) {
                // لطرد التنظيم من الرقة، التي يسيطر عليها منذ 2014: not the side driving it out.
                agents = [a]; agentFactor = 0.7
            }
            if rel == .controls, end < hi, tokens[end].text.isOne(of: "عليه", "عليها", "عليهم"), after > end + 1,
               let p = referentPlace(before: i) {
                patients = [p]                                  // المطار الذي سيطرت عليه قوات النظام
            } else if hit.pronoun != nil, rel == .attacked {
                // هاجمه / استهدفها / مدنيين يحتجزهم: the object is a pronoun, civilians included.
                let agentIDs = Set(agents.map(\.node))
                if let m = nearestBefore(i, sameClause: true, want: { $0.kind == .population && !agentIDs.contains($0.node) })
                    ?? referent(before: i, excluding: agentIDs) { patients = [m] }
            } else {
                patients = patientsAfter(after)
                if patients.isEmpty, rel == .attacked {
                    patients = collect(from: after, window: 6, want: wantPatient)
                }
                if patients.isEmpty, rel == .attacked, let m = fightersReferent(after: after, before: i, excluding: Set(agents.map(\.node))) {
                    patients = [m]                          // وقتلت عشرين من عناصره، وقتلا عشرات العناصر
                } else if patients.isEmpty, rel == .controls {
                    patients = collect(from: after, window: 5, want: wantPatient)
                }
            }
        case .noun:
            if hit.pronoun != nil {
                if let a = referent(before: i, excluding: []) { agents = [a]; agentFactor = 0.9 }
            } else if let g = genitive(after: end, window: 3) {
                agents = group(g)
                after = agents.map { $0.tokens.upperBound }.max()!
            }
            if agents.isEmpty {
                var k = end
                while k < min(hi, end + 3), isWord(k), !hasMention(k), !wc.prepositions.contains(tokens[k]) {
                    if let n = nisba(k) { agents = [syntheticMention(n, at: k)]; after = k + 1; break }
                    k += 1
                }
            }
            if agents.isEmpty, let (a, f, past) = lightVerbAgent(after: end) {
                agents = a; agentFactor = f; after = past
            }
            patients = patientsAfter(after)
            if patients.isEmpty, rel == .controls {
                patients = collect(from: after, window: 2, want: wantPatient)   // دخول X بلدة P، استعادة مدينة P
            }
            if patients.isEmpty, rel == .attacked, !agents.isEmpty {
                // تفجير X عبوة بدورية للجيش التركي: a position or patrol after ب, then its owner.
                var k = after
                while k < min(hi, after + 4), isWord(k), !hasMention(k) {
                    let w = tokens[k].text
                    if w.utf8HasPrefix("ب"), wc.fighterNouns.contains(String(w.unicodeScalars.dropFirst())) {
                        patients = collect(from: k + 1, window: 1, want: wantPatient); break
                    }
                    if isBlock(k, verbsOnly: true) { break }
                    k += 1
                }
            }
            if agents.isEmpty {
                if passiveBefore(i), let last = lastAttacker, rel == .attacked {
                    agents = [syntheticMention(last, at: i)]; agentFactor = 0.6
                } else if i - 1 >= lo, isWord(i - 1), !hasMention(i - 1), isCue(.light, i - 1),
                          subjectBefore(i - 1) == nil, let a = firstMention(from: end, window: 2, want: { self.isAgent($0) }) {
                    agents = group(a); agentFactor = 0.85       // ويتقاسم السيطرة عليها X وY: the subject after the phrase
                } else if let a = lightVerbSubject(before: i) {
                    agents = group(a); agentFactor = 0.95; clauseEvent = true
                } else if let a = nearestBefore(i, sameClause: true, want: { self.isAgent($0) && !patients.map(\.node).contains($0.node) }) {
                    agents = group(a); agentFactor = 0.85
                } else if let t = topicAfterConjoinedVerb(i) {
                    agents = group(t).filter { a in !patients.contains { $0.node == a.node } }; agentFactor = 0.8
                }
            }
        case .masdar:
            patients = collect(from: end, window: 3, want: wantPatient)
            if rel == .attacked, hit.pronoun == nil, let g = patients.first, isAgent(g),
               let after = patients.map({ $0.tokens.upperBound }).max(),
               let object = firstMention(from: after, window: 5, want: wantPatient), !startsWithConj(object.tokens.lowerBound),
               !(after..<object.tokens.lowerBound).contains(where: { tokens[$0].kind == .punct }) {
                // أسر التنظيم عناصر من … : the genitive is the agent, the object follows.
                agents = [g]
                patients = collect(from: object.tokens.lowerBound, window: 0, want: wantPatient)
                break
            }
            if rel == .attacked, hit.pronoun == nil, let g = patients.first, isAgent(g), g.tokens.upperBound < hi,
               tokens[g.tokens.upperBound].text.isOne(of: "له", "لها", "لهم", "لهما") {
                // استهداف الطيران الروسي له: the genitive is the agent, the object a pronoun.
                agents = [g]
                patients = []
                if let m = referent(before: i, excluding: [g.node]), m.sentence == si { patients = [m] }
                if patients.isEmpty, !sentenceAgents.contains(where: { $0.node == g.node }) { sentenceAgents.append(syntheticMention(g.node, at: i)) }
                break
            }
            if hit.pronoun != nil, let a = referent(before: i, excluding: Set(patients.map(\.node))) {
                agents = [a]; agentFactor = 0.85
            } else if passiveBefore(i) {
                if let last = lastAttacker { agents = [syntheticMention(last, at: i)]; agentFactor = 0.6 }
            } else if let a = nearestBefore(i, sameClause: true, want: { self.isAgent($0) && !patients.map(\.node).contains($0.node) }) {
                agents = group(a); agentFactor = 0.9
            }
        default:
            break
        }
        if rel == .controls, let last = patients.last {
            patients += listedPlaces(after: last.tokens.upperBound, want: wantPatient)   // … أبرزها مساكن هنانو والصاخور
        } else if rel == .controls, !agents.isEmpty {
            patients = listedPlaces(after: after, want: wantPatient)                   // القطاع الأوسط … بما فيه عربين وزملكا
            if patients.isEmpty, let p = placePart(after: after) { patients = [p] }    // وسيطرت على مركزها
        }
        if patients.isEmpty, rel == .attacked, !agents.isEmpty, let v = consequenceVictims(after: after) {
            patients = v                                    // … ما أدى إلى مقتل ممرضين / أسفر عن مقتل مدنيين
        }
        if let dp = hit.trigger.defaultPatient {
            patients = [syntheticMention(dp, at: i)]
        }
        if agents.isEmpty { return ([], "no agent") }
        if patients.isEmpty {
            // قصفت X البلدة وقتلت …: the agent of an attack on a place is still the clause's subject.
            if rel == .attacked, clauseEvent {
                for a in agents where isAgent(a) && !sentenceAgents.contains(where: { $0.node == a.node }) { sentenceAgents.append(syntheticMention(a.node, at: i)) }
            }
            return ([], rel == .controls ? "no named place" : "no actor as target")
        }
        var out: [(NodeID, NodeID, Double)] = []
        for a in agents where isAgent(a) {
            for p in patients where p.node != a.node { out.append((a.node, p.node, agentFactor)) }
        }
        return (out, out.isEmpty ? "agent and target are one" : "")
    }

    /// link: X <trigger> Y — المدعومة من، يدعمها، التابعة لـ، الموالين له، حليفتي.
    func link(_ hit: TriggerHit, _ i: Int, _ end: Int) -> ([(NodeID, NodeID, Double)], String) {
        if let purpose = purposeLink(hit, i, end) { return purpose }
        var k = end
        // A pronoun right after the participle (له، لها، لهم، منه) points back past the left actor.
        var pronounAfter = false
        if k < hi, isWord(k), isPrepPronoun(tokens[k].text) { pronounAfter = true; k += 1 }
        if hit.length > 1, let lastWord = hit.trigger.lemma.lastSpacedWord,
           lastWord.utf8HasSuffix("ها") || lastWord.utf8HasSuffix("هم") || lastWord.utf8HasSuffix("ته") || lastWord.utf8HasSuffix("نه") {
            pronounAfter = true                               // مجلس دير الزور العسكري، أحد مكوناتها
        }
        var left: [Mention] = []
        var leftFactor = 1.0
        if i - 1 >= lo, isCue(.container, i - 1), let spec = specification(after: k) {
            left = group(spec)                     // المسلحين الموالين له من ميليشيات إيرانية
        } else if let (a, inParens) = linkLeft(i) {
            // With a pronoun after it (المساندة لها) the participle describes the nearest noun only.
            left = inParens || pronounAfter ? [a] : group(a)
        }
        var right: [Mention] = []
        if pronounAfter {
            let base = left.map { $0.tokens.lowerBound }.min() ?? i
            if let r = referent(before: min(base, i), excluding: Set(left.map(\.node))) { right = [r]; leftFactor = 0.85 }
        } else if let r = firstMention(from: k, window: 3, want: { self.isAlly($0) }) {
            right = group(r)
        } else {
            var j = k
            while j < min(hi, k + 4), isWord(j), !hasMention(j) {
                if let n = nisba(j) { right = [syntheticMention(n, at: j)]; break }   // مدعومة بغطاء جوي روسي
                j += 1
            }
        }
        if left.isEmpty, !right.isEmpty, hit.pronoun == nil, clauseInitial(i) {
            // A verb with its subject after it: دعمت روسيا النظام.
            if let second = firstMention(from: right.map { $0.tokens.upperBound }.max()!, window: 3, want: { self.isAlly($0) }) {
                left = right; right = group(second)
            }
        }
        if left.isEmpty, !right.isEmpty, hit.length == 1,
           !tokens[i].text.utf8HasPrefix("ال"), ["ه", "ها", "هم"].contains(where: { text(i..<(i + 1)).utf8HasSuffix($0) }),
           let r = referent(before: i, excluding: Set(right.map(\.node))) {
            left = [r]; leftFactor = 0.85                 // X، وهي تحالف من فصائل … تدعمه الولايات المتحدة
        }
        // X وY اندمجتا / توحدتا: the partners merging are linked with each other too.
        let merging = ["اندمج", "توحد", "اتحد"].contains { hit.trigger.lemma.utf8HasPrefix($0) }
        var out: [(NodeID, NodeID, Double)] = []
        if merging, left.count >= 2 {
            for (x, a) in left.enumerated() { for b in left[(x + 1)...] where a.node != b.node { out.append((a.node, b.node, 0.8)) } }
        }
        if left.isEmpty || right.isEmpty {
            return out.isEmpty ? ([], left.isEmpty ? "nothing on the left" : "nothing on the right") : (out, "merging partners")
        }
        for a in left { for b in right where a.node != b.node { out.append((a.node, b.node, leftFactor)) } }
        return (out, "")
    }

    /// A purpose clause (أرسلت X مقاتلين من Y لدعم Z): the clause's subject and the fighters it sent
    /// support Z, and the fighters belong with the subject.
    func purposeLink(_ hit: TriggerHit, _ i: Int, _ end: Int) -> ([(NodeID, NodeID, Double)], String)? {
        guard hit.pronoun == nil, hit.length == 1, tokens[i].text.utf8HasPrefix("ل"), !hit.trigger.lemma.utf8HasPrefix("ل"),
              let r = firstMention(from: end, window: 3, want: { self.isAlly($0) }) else { return nil }
        var start = i - 1
        while start > lo, !(isWord(start - 1) && !hasMention(start - 1) && isCue(.boundary, start - 1)),
              !tokens[start - 1].text.isOne(of: ";", "؛", ":") { start -= 1 }
        guard let subject = mentions.first(where: { $0.tokens.lowerBound >= start && $0.tokens.upperBound <= i && self.isAlly($0)
                && self.depth[$0.tokens.lowerBound] == 0 && !self.linkObjects.contains(self.mentionAt[$0.tokens.lowerBound]) }),
              subject.tokens.lowerBound <= start + 3 else { return nil }
        let right = group(r)
        var left = group(subject)
        var out: [(NodeID, NodeID, Double)] = []
        // The fighters sent: "من Y" after a fighters noun between the subject and the purpose.
        var k = subject.tokens.upperBound
        while k < i {
            if let m = mention(k) {
                if isAlly(m), k - 2 >= lo, tokens[k - 1].marker == .min, isCue(.container, k - 2) || wc.quantities.contains(tokens[k - 2]) {
                    for a in group(subject) where a.node != m.node { out.append((a.node, m.node, 0.8)) }
                    left.append(m)
                }
                k = m.tokens.upperBound; continue
            }
            k += 1
        }
        for a in left { for b in right where a.node != b.node { out.append((a.node, b.node, 0.85)) } }
        return out.isEmpty ? nil : (out, "purpose clause")
    }

    /// joint: نفذت X وY عملية مشتركة — X and Y are allied; عملية مشتركة مع Y / بين X وY likewise.
    func joint(_ hit: TriggerHit, _ i: Int, _ end: Int) -> ([(NodeID, NodeID, Double)], String) {
        var side: [Mention] = []
        if let a = lightVerbSubject(before: i) { side = group(a) }
        else if let a = nearestBefore(i, sameClause: true, want: { self.isAlly($0) }) { side = group(a) }
        var k = end
        while k < min(hi, end + 3), isWord(k), !hasMention(k), !tokens[k].text.isOne(of: "مع", "بين") { k += 1 }
        if k < hi, tokens[k].marker == .maa || tokens[k].marker == .bayna {
            let others = collect(from: k + 1, window: 2, want: { self.isAlly($0) })
            if tokens[k].marker == .bayna { side = others } else { side += others }
        }
        var out: [(NodeID, NodeID, Double)] = []
        for (x, a) in side.enumerated() { for b in side[(x + 1)...] where a.node != b.node { out.append((a.node, b.node, 0.9)) } }
        return (out, out.isEmpty ? "fewer than two partners" : "")
    }

    /// The clause subject of a verb or verbal noun at `i`: before it (SVO), right after it (VSO), or
    /// the subject of the verb that governs it (تمكنت X من استعادة).
    func clauseSubject(_ i: Int, _ end: Int, verb: Bool) -> [Mention] {
        if let a = pronounSubject(i) { return group(a) }
        if let a = subjectBefore(i), isAgent(a) { return group(a) }
        if verb, let a = firstMention(from: end, window: 3, want: { self.isAgent($0) }) { return group(a) }
        if let a = nearestBefore(i, sameClause: true, want: { self.isAgent($0) }) { return group(a) }
        if let t = topicAfterConjoinedVerb(i) { return group(t) }
        return []
    }

    /// وأعلنتا صد هجوم … / وتمكنت اليوم من السيطرة …: a conjoined verb with no subject of its own keeps
    /// the sentence's subject (its first actor, near the start).
    func topicAfterConjoinedVerb(_ i: Int) -> Mention? {
        var k = i - 1
        while k >= lo, k >= i - 5, isWord(k), !hasMention(k) {
            if startsWithConj(k), k > lo, tokens[k - 1].kind == .punct || !hasMention(k - 1),
               let first = mentions.first(where: { $0.tokens.lowerBound >= lo && $0.tokens.lowerBound < k && self.isAgent($0) }),
               first.tokens.lowerBound <= lo + 6 {
                return first
            }
            k -= 1
        }
        return nil
    }

    /// repel: تصدت X لهجوم Y، صد X هجوما لـ Y → Y attacked X.
    func repel(_ hit: TriggerHit, _ i: Int, _ end: Int) -> ([(NodeID, NodeID, Double)], String) {
        // The attack noun after the trigger, then its genitive.
        var k = end
        if end < hi, let subject = mention(end), isAgent(subject) {
            k = group(subject).map { $0.tokens.upperBound }.max()!     // تصدى X وY لهجوم Z
        }
        let start = k
        var attackers: [Mention] = []
        while k < min(hi, start + 6) {
            if hasMention(k) && attackers.isEmpty && k > start { break }
            if isWord(k), hits.contains(k, where: { $0.trigger.relation == .attacked && ($0.trigger.frame == .noun || $0.trigger.frame == .masdar) }) || Clitics.withoutArticle(tokens[k].readings.last ?? "").isOne(of: "تقدم", "هجوم", "هجوما", "هجمات") {
                if let g = genitive(after: k + 1, window: 2) { attackers = group(g) }
                else if let n = (k + 1 < hi ? nisba(k + 1) : nil) { attackers = [syntheticMention(n, at: k + 1)] }
                break
            }
            k += 1
        }
        guard !attackers.isEmpty else { return ([], "no attacker named") }
        // The repeller: the clause subject, or a VSO subject between trigger and the attack noun.
        var repellers = clauseSubject(i, end, verb: hit.trigger.frame == .repel)
        repellers = repellers.filter { r in !attackers.contains { $0.node == r.node } }
        guard !repellers.isEmpty else { return ([], "no one repelled it") }
        for r in repellers where !sentenceAgents.contains(where: { $0.node == r.node }) { sentenceAgents.append(syntheticMention(r.node, at: i)) }
        var out: [(NodeID, NodeID, Double)] = []
        for a in attackers { for r in repellers where a.node != r.node { out.append((a.node, r.node, 0.9)) } }
        return (out, "")
    }

    /// casualty: مقتل خمسة من مقاتلي X بقصف تركي → TURKEY attacked X.
    func casualty(_ hit: TriggerHit, _ i: Int, _ end: Int) -> ([(NodeID, NodeID, Double)], String) {
        var victims = collect(from: end, window: 4, want: { $0.kind.isActor })
        var victimsEnd = victims.last?.tokens.upperBound ?? end
        if victims.isEmpty {
            // مقتل خمسة من مقاتليها: the fighters of the actor named before.
            var k = end
            while k < min(hi, end + 4), isWord(k) || tokens[k].kind == .number, !hasMention(k) {
                if isWord(k), containerPronoun(k) != nil, let r = referent(before: i, excluding: []) {
                    victims = [r]; victimsEnd = k + 1; break
                }
                k += 1
            }
        }
        guard !victims.isEmpty else { return ([], "no victims named") }
        let agent = passiveAgent(after: victimsEnd)
        if agent == nil, startsWithConj(i), let last = sentenceAgents.map({ $0.tokens.lowerBound }).max() {
            // بعد استهداف X له ومقتل ممرضين، نفذ X وY ضربات … ما أسفر عن تدمير … ومقتل: the same agents.
            let agents = sentenceAgents.filter { $0.tokens.lowerBound == last }
            var out: [(NodeID, NodeID, Double)] = []
            for a in agents { for v in victims where v.node != a.node { out.append((a.node, v.node, 0.8 * 0.95)) } }
            return (out, out.isEmpty ? "agent and victims are one" : "the agents of the event before")
        }
        guard let (a, f) = agent else { return ([], "no agent") }
        return (victims.filter { $0.node != a }.map { (a, $0.node, f * 0.95) }, "")
    }

    /// regain: استعادت X P من Y → X attacked Y.
    func regain(_ hit: TriggerHit, _ i: Int, _ end: Int) -> ([(NodeID, NodeID, Double)], String) {
        // استعادة مدينة P: a verbal noun has no subject after it.
        let verb = hits.contains(i) { $0.trigger.frame == .verb } || !hits.contains(i) { $0.trigger.frame == .noun || $0.trigger.frame == .masdar }
        let takers = clauseSubject(i, end, verb: verb)
        guard !takers.isEmpty else { return ([], "no agent") }
        let takerEnd = takers.map { $0.tokens.upperBound }.max()!
        let placeTypes = ontology.placeTypes
        var from = max(end, takerEnd > i ? takerEnd : end)
        // انتزعت X السيطرة على P من Y
        if from < hi, isWord(from), !hasMention(from), let h = hits.first(from, where: { $0.trigger.relation == .controls && $0.trigger.frame == .noun }) {
            from += h.length
            if from < hi, tokens[from].marker == .ala { from += 1 }
        }
        let places = collect(from: from, window: 6, want: { $0.kind == .location && placeTypes[$0.node] != "river" })
        guard let last = places.last else { return ([], "no place taken") }
        var k = last.tokens.upperBound
        var steps = 0
        while k < hi, steps < 4 {
            if tokens[k].marker == .min {
                // من سيطرة X، من قبضة X، من أيدي X
                let over = k + 1 < hi && tokens[k + 1].text.isOne(of: "سيطره", "قبضه", "ايدي", "يد", "براثن") ? 1 : 0
                let losers = collect(from: k + 1 + over, window: 2, want: { self.isAgent($0) })
                guard !losers.isEmpty else { return ([], "taken from no actor") }
                var out: [(NodeID, NodeID, Double)] = []
                for a in takers { for b in losers where a.node != b.node { out.append((a.node, b.node, 0.9)) } }
                return (out, "")
            }
            if isBlock(k, verbsOnly: true) { break }
            k += 1; steps += 1
        }
        return ([], "taken from no actor")
    }

    /// leader: a person, then قائد/زعيم X (قاسم سليماني، قائد فيلق القدس).
    func leader(_ hit: TriggerHit, _ i: Int, _ end: Int) -> ([(NodeID, NodeID, Double)], String) {
        guard let (p, _) = linkLeft(i), p.kind == .person else { return ([], "no person before") }
        guard let g = firstMention(from: end, window: 1, want: { self.isAlly($0) && $0.kind != .person }) else { return ([], "no group after") }
        return ([(p.node, g.node, 1.0)], "")
    }

    /// accompany: the clause subject … إلى جانب / بالتنسيق مع / بدعم من Y.
    func accompany(_ hit: TriggerHit, _ i: Int, _ end: Int) -> ([(NodeID, NodeID, Double)], String) {
        var right: [Mention] = []
        if end < hi, tokens[end].marker == .bayna {
            // بالتنسيق بين X وY: the partners are both named after it.
            let sides = collect(from: end + 1, window: 2, want: { self.isAlly($0) })
            var out: [(NodeID, NodeID, Double)] = []
            for (x, a) in sides.enumerated() { for b in sides[(x + 1)...] where a.node != b.node { out.append((a.node, b.node, 0.9)) } }
            return (out, out.isEmpty ? "fewer than two partners" : "")
        }
        if end < hi, isWord(end), isPrepPronoun(tokens[end].text) {
            if let r = referent(before: i, excluding: []) { right = [r] }
        } else if let r = firstMention(from: end, window: 3, want: { self.isAlly($0) }) {
            right = group(r)
        } else {
            // تحت غطاء من الغارات الروسية: a nationality adjective names the partner.
            var j = end
            while j < min(hi, end + 4), isWord(j), !hasMention(j) {
                if let n = nisba(j) { right = [syntheticMention(n, at: j)]; break }
                j += 1
            }
        }
        guard !right.isEmpty else { return ([], "nothing after") }
        let rightIDs = Set(right.map(\.node))
        // The agent of the event told just before, in the same clause (قصفت طائرات التحالف مواقع داعش
        // بالتنسيق معها): not the event's object.
        let near = nearestBefore(i, want: { self.isAlly($0) && !rightIDs.contains($0.node) })
        if let n = near, sentencePatients.contains(n.node),
           let a = sentenceAgents.last(where: { !rightIDs.contains($0.node) && self.isAlly($0) }), a.tokens.lowerBound < i,
           !((a.tokens.lowerBound + 1)..<i).contains(where: { isWord($0) ? (!hasMention($0) && isCue(.boundary, $0)) : tokens[$0].text.isOne(of: ";", "؛", ":") }) {
            return (right.filter { $0.node != a.node }.map { (a.node, $0.node, 0.95) }, "")
        }
        // Not the partner of an earlier linking word (بالتنسيق مع حزب الله وبإسناد من …).
        guard let l = nearestBefore(i, want: { self.isAlly($0) && !rightIDs.contains($0.node) && !self.accompanyObjects.contains(self.mentionAt[$0.tokens.lowerBound]) })
                ?? nearestBefore(i, want: { self.isAlly($0) && !rightIDs.contains($0.node) }) else { return ([], "no subject") }
        var out: [(NodeID, NodeID, Double)] = []
        for a in group(l) { for b in right where a.node != b.node { out.append((a.node, b.node, 1.0)) } }
        return (out, "")
    }

    /// area: مناطق سيطرة X (في P)، P تحت سيطرة X، معاقل X في P.
    func area(_ hit: TriggerHit, _ i: Int, _ end: Int) -> ([(NodeID, NodeID, Double)], String) {
        var owner: Mention? = nil
        var after = end
        let last = tokens[end - 1].text
        if hit.pronoun != nil || last.utf8HasSuffix("ته") || last.utf8HasSuffix("تها") || last.utf8HasSuffix("تهم") {
            owner = referent(before: i, excluding: [])
        } else if let g = genitive(after: end, window: 1) {
            owner = g; after = g.tokens.upperBound
        }
        guard let x = owner, isAgent(x) else { return ([], "no actor holds the area") }
        var places: [Mention] = []
        if after < hi, let p = firstMention(from: after, window: 2, want: { $0.kind == .location }),
           !(after..<p.tokens.lowerBound).contains(where: { tokens[$0].marker == .min }),
           isWord(after), ["في", "ب"].contains(where: { tokens[after].text.utf8HasPrefix($0) }) || mentionAt[after] >= 0 {
            places = group(p)
        } else if let p = nearestBefore(i, window: 3, want: { $0.kind == .location }) {
            places = group(p)
        } else if i - 2 >= lo, wc.superlatives.contains(tokens[i - 1]) || tokens[i - 1].marker == .arabicComma {
            // مدينة البوكمال على الحدود العراقية، آخر معاقل التنظيم: the place before the apposition.
            var k = i - 1
            while k >= lo, k >= i - 3, tokens[k].marker != .arabicComma { k -= 1 }
            if k >= lo, tokens[k].marker == .arabicComma, let p = nearestBefore(k, window: 5, want: { $0.kind == .location }) { places = [p] }
        }
        if places.isEmpty {
            // امتدت مناطق سيطرة X في ذروة توسعه من P إلى Q
            var k = after
            while k < min(hi, after + 6), isWord(k), !isBlock(k, verbsOnly: true) {
                if let p = mention(k) {
                    if p.kind == .location, k - 1 >= after, tokens[k - 1].text.isOne(of: "من", "في") { places = group(p) }
                    break
                }
                k += 1
            }
        }
        if let last = places.last, last.tokens.upperBound + 1 < hi, tokens[last.tokens.upperBound].text.isOne(of: "الي", "حتي"),
           let q = mention(last.tokens.upperBound + 1), q.kind == .location {
            places.append(q)
        }
        // سجن P الواقع في مناطق سيطرة X: the place located there.
        if i - 3 >= lo, tokens[i - 1].text.isOne(of: "في", "ضمن"), tokens[i - 2].text.utf8HasPrefix("الواقع"),
           let p = mention(i - 3), p.kind == .location {
            places.append(p)
        }
        guard !places.isEmpty else { return ([], "no named place") }
        return (places.map { (x.node, $0.node, 0.9) }, "")
    }

    /// clash: اشتباكات بين X وY، اشتبك X مع Y، اشتباكات مع Y.
    func clash(_ hit: TriggerHit, _ i: Int, _ end: Int) -> ([(NodeID, NodeID, Double)], String) {
        var k = end
        var skipped = 0
        while k < hi, skipped <= 10 {
            let w = tokens[k].text, wm = tokens[k].marker
            if wm == .bayna, let sides = twoSides(from: k + 1) {
                var out: [(NodeID, NodeID, Double)] = []
                for a in sides.0 { for b in sides.1 where a.node != b.node { out.append((a.node, b.node, 0.9)) } }
                return (out, out.isEmpty ? "fewer than two sides" : "")
            }
            if wm == .bayna {
                let all = collect(from: k + 1, window: 3, want: { self.isAgent($0) })
                guard all.count >= 2 else { return ([], "fewer than two sides") }
                return (all.dropFirst().map { (all[0].node, $0.node, 0.9) }, "")
            }
            if wm == .didd {
                // معارك ضد X: the clause subject fights X.
                let right = collect(from: k + 1, window: 3, want: { self.isAgent($0) })
                guard !right.isEmpty else { return ([], "no other side") }
                let rightIDs = Set(right.map(\.node))
                if let l = nearestBefore(i, sameClause: true, want: { self.isAgent($0) && !rightIDs.contains($0.node) })
                        ?? topicAfterConjoinedVerb(i) {
                    return (right.map { (l.node, $0.node, 0.85) }, "")
                }
                // بعد معارك استمرت أسابيع ضد X: the subject of the sentence, named at its start.
                guard let t = mentions.first(where: { $0.tokens.lowerBound >= lo && $0.tokens.lowerBound < i && self.isAgent($0) }),
                      t.tokens.lowerBound <= lo + 6, !rightIDs.contains(t.node), depth[t.tokens.lowerBound] == 0,
                      !linkObjects.contains(mentionAt[t.tokens.lowerBound]) else { return ([], "one side only") }
                return (right.map { (t.node, $0.node, 0.75) }, "the sentence's subject")
            }
            if wm == .maa || wm == .wamaa {
                let right = collect(from: k + 1, window: 3, want: { self.isAgent($0) })
                guard !right.isEmpty else { return ([], "no other side") }
                let rightIDs = Set(right.map(\.node))
                let left: Mention?
                if let a = firstMention(from: end, window: 2, want: { self.isAgent($0) }), a.tokens.upperBound <= k {
                    left = a
                } else {
                    left = nearestBefore(i, want: { self.isAgent($0) && !rightIDs.contains($0.node) })
                }
                guard let l = left else { return ([], "one side only") }
                var out: [(NodeID, NodeID, Double)] = []
                for a in group(l) { for b in right where a.node != b.node { out.append((a.node, b.node, 0.9)) } }
                return (out, "")
            }
            if isBlock(k, verbsOnly: true) && !wc.relatives.contains(w) { break }
            if mentionAt[k] >= 0 { k = mentions[mentionAt[k]].tokens.upperBound; skipped += 1; continue }
            k += 1; skipped += 1
        }
        return ([], "no sides named")
    }

    /// بين X وY من جهة، وZ من جهة أخرى: the actors before the first جهة against those before the second.
    func twoSides(from start: Int) -> ([Mention], [Mention])? {
        var marks: [Int] = []
        var k = start
        while k < hi, marks.count < 2 {
            if tokens[k].marker == .jiha || tokens[k].marker == .nahiya || tokens[k].marker == .taraf, k - 1 >= lo, tokens[k - 1].marker == .min { marks.append(k) }
            k += 1
        }
        guard marks.count == 2, marks[0] - start <= 12, let firstSide = firstMention(from: start, window: 2, want: { _ in true }),
              firstSide.tokens.lowerBound < marks[0] else { return nil }
        func actors(_ r: Range<Int>) -> [Mention] {
            var out: [Mention] = []
            var j = r.lowerBound
            while j < r.upperBound {
                if let m = mention(j) {
                    if isAgent(m), !out.contains(where: { $0.node == m.node }), !linkObjects.contains(mentionAt[j]) { out.append(m) }
                    j = m.tokens.upperBound; continue
                }
                j += 1
            }
            return out
        }
        let a = actors(start..<marks[0]), b = actors(marks[0]..<marks[1])
        return a.isEmpty || b.isEmpty ? nil : (a, b)
    }

    /// undergo: تعرضت Y لقصف من X / لغارات نفذتها طائرات X.
    func undergo(_ hit: TriggerHit, _ i: Int, _ end: Int) -> ([(NodeID, NodeID, Double)], String) {
        var patient: Mention? = nil
        var after = end
        var patients: [Mention] = []
        if let p = firstMention(from: end, window: 2, want: { $0.kind.isActor }) {
            patients = collect(from: p.tokens.lowerBound, window: 0, want: { $0.kind.isActor })
            patient = p; after = patients.map { $0.tokens.upperBound }.max()!
        } else if let p = subjectBefore(i), p.kind.isActor {
            patient = p
        }
        guard let y = patient else { return ([], "no actor as target") }
        if patients.isEmpty { patients = [y] }
        func pairs(_ a: NodeID, _ f: Double) -> [(NodeID, NodeID, Double)] { patients.filter { $0.node != a }.map { (a, $0.node, f) } }
        // The agent: من X, or a light verb with its subject (نفذتها طائرات X).
        var k = after
        var steps = 0
        while k < hi, steps < 10 {
            if isBlock(k, verbsOnly: true) && !isCue(.light, k) { break }
            if isWord(k), !hasMention(k), let n = nisba(k) { return (pairs(n, 0.85), "") }
            let wm = tokens[k].marker
            if wm == .min || wm == .ala || wm == .biyad {
                if let a = firstMention(from: k + 1, window: 3, want: { self.isAgent($0) }) {
                    return (collect(from: a.tokens.lowerBound, window: 0, want: { self.isAgent($0) }).flatMap { pairs($0.node, 0.9) }, "")
                }
            }
            if let (a, f, _) = lightVerbAgent(after: k), let first = a.first {
                return (pairs(first.node, f), "")
            }
            if let g = mention(k), isAgent(g), k > after { return (pairs(g.node, 0.8), "") }   // لقصف لطيران X
            k += 1; steps += 1
        }
        return ([], "no agent")
    }

    // MARK: - Arguments

    /// The verb carries its subject as a suffix (قتلوا، قتلا، يقصفون): no noun after it is its subject.
    func hasSubjectSuffix(_ i: Int, _ hit: TriggerHit) -> Bool {
        // Asked of whole `String`s (through `Substring`s each test took the generic path, 2,500
        // instructions a call): the word keeps its conjunction, as at least two letters follow it and
        // its last letters are the same; the lemma is its first word only when it has more than one.
        let text = tokens[i].text
        let lemma = hit.trigger.lemma.utf8.contains(0x20) ? String(hit.trigger.lemma.firstSpacedWord ?? "") : hit.trigger.lemma
        @inline(__always) func suffixed(_ suffix: String) -> Bool { text.utf8HasSuffix(suffix) && !lemma.utf8HasSuffix(suffix) }
        if suffixed("وا") || suffixed("ون") || suffixed("ان") || suffixed("تا") { return true }
        return suffixed("ا") && tokens[i].scalarCount - (startsWithConj(i) ? 1 : 0) == lemma.unicodeScalars.count + 1
    }

    /// The subject of the light verb that set off the thing now acting: X يقف وراء تفجير استهدف Y،
    /// X زرعوا العبوة التي استهدفت Y، نفذ X غارات قتلت Y.
    func instrumentSubject(_ i: Int) -> Mention? {
        var k = i - 1
        if k >= lo, wc.relatives.contains(tokens[k]) { k -= 1 }
        var words = 0
        while k >= lo, words < 4, isWord(k) {
            if let m = mention(k) {
                let s = m.tokens.lowerBound
                if words > 0, isAgent(m), s - 1 >= lo, isWord(s - 1), !hasMention(s - 1), isCue(.light, s - 1) { return m }
                return nil
            }
            if isCue(.light, k) {
                guard words > 0, let m = lightVerbSubject(before: k + 1), isAgent(m) else { return nil }
                return m
            }
            if isCue(.boundary, k) && !wc.relatives.contains(tokens[k]) { return nil }
            k -= 1; words += 1
        }
        return nil
    }

    /// An event noun right after the verb is its subject, with the genitive or nationality naming the
    /// agent: قتلت غارات التحالف …، استهدفت غارة روسية ….
    func eventSubject(after end: Int) -> ([Mention], Int)? {
        guard end < hi, isWord(end), !hasMention(end),
              let h = hits.first(end, where: { $0.trigger.relation == .attacked && $0.trigger.frame == .noun }) else { return nil }
        let e = end + h.length
        if e < hi, isWord(e), !hasMention(e), let n = nisba(e) { return ([syntheticMention(n, at: e)], e + 1) }
        if let g = genitive(after: e, window: 1) {
            let gr = group(g)
            return (gr, gr.map { $0.tokens.upperBound }.max()!)
        }
        if e < hi, isWord(e), !hasMention(e), let n = nisba(e) { return ([syntheticMention(n, at: e)], e + 1) }
        return nil
    }

    /// The subject is a fighters noun with a pronoun or the article, right before the verb (أن وحداتها قصفت،
    /// إن المقاتلين سيطروا): the actor named before.
    func fightersSubject(before i: Int) -> Mention? {
        var k = i - 1
        if k >= lo, tokens[k].marker == .qad { k -= 1 }
        guard k > lo, isWord(k), !hasMention(k) else { return nil }
        let pronoun = containerStem(k).map { wc.fighterNouns.contains($0) || $0.utf8Equals("وحدات") } ?? false
        let definite = tokens[k].text.utf8HasPrefix("ال") && wc.fighterNouns.contains(Clitics.withoutArticle(tokens[k].text))
        guard pronoun || definite else { return nil }
        // Only at the start of a clause: after أن/إن, a verb of saying or punctuation.
        let p = tokens[k - 1]
        guard p.kind == .punct || p.text.isOne(of: "ان", "بان", "لان", "وان") || isCue(.speech, k - 1) || isCue(.attribution, k - 1) else { return nil }
        // Not the side just attacked in this sentence (هجوم على مواقع التنظيم … أن المقاتلين سيطروا).
        return referent(before: k, excluding: definite && !pronoun ? sentencePatients : [])
    }

    /// Fighters named by a pronoun or a definite noun after the verb (عشرين من عناصره، عشرات العناصر،
    /// عنصرا من القوات المهاجمة): the other party named before.
    func fightersReferent(after from: Int, before i: Int, excluding: Set<NodeID>) -> Mention? {
        var k = from
        while k < min(hi, from + 8), isWord(k) || tokens[k].kind == .number {
            if hasMention(k) { return nil }
            if isWord(k) {
                if let stem = containerStem(k), wc.fighterNouns.contains(stem) { return referent(before: i, excluding: excluding) }
                if tokens[k].text.isOne(of: "منهم", "منها"), k - 1 >= from,
                   tokens[k - 1].kind == .number || wc.quantities.contains(tokens[k - 1]) {
                    // وأعدم سبعة منهم: the group named last, civilians included.
                    return nearestBefore(i, want: { $0.kind.isActor && !excluding.contains($0.node) }) ?? referent(before: i, excluding: excluding)
                }
                if tokens[k].text.utf8HasPrefix("ال"), wc.fighterNouns.contains(Clitics.withoutArticle(tokens[k].text)), !(k + 1 < hi && hasMention(k + 1)),
                   !(k + 1 < hi && tokens[k + 1].text.utf8HasPrefix("ال") && ["يه", "ي", "يين", "يون"].contains(where: { tokens[k + 1].text.utf8HasSuffix($0) })) {
                    // القوات المهاجمة stands for an actor named before; القوات الكردية names one of its own.
                    return referent(before: i, excluding: excluding)
                }
                if isBlock(k, verbsOnly: true) { return nil }
            }
            k += 1
        }
        return nil
    }


    /// A position noun or a place stands between `from` and the mention: the mention is no VSO subject.
    func objectBetween(_ from: Int, _ m: Mention) -> Bool {
        var k = from
        while k < m.tokens.lowerBound {
            if isWord(k), tokens[k].readings.contains(where: { wc.positionNouns.contains($0) }) { return true }
            if let p = mention(k), p.kind == .location { return true }     // استعاد تدمر بعد هجوم على X: تدمر is the object
            if tokens[k].kind == .number || (!hasMention(k) && wc.countWords.contains(tokens[k])) {
                return true                                                // وقتلت العشرات من عناصر X: a count opens the object
            }
            k += 1
        }
        return false
    }





    /// The actor a participle or relative clause describes: the noun phrase right before it, reached
    /// over adjectives, an apposition (X، فصائل … مدعومة) or a parenthesis (X (ميليشيا … يدعمها)), but not
    /// over a preposition, a verb or a new coordinated noun (… وميليشيات أجنبية مساندة لها).
    func linkLeft(_ i: Int) -> (Mention, Bool)? {
        var k = i - 1
        var words = 0
        var crossedParen = false
        // The partner of an earlier linking word (X بقيادة Y ستواصل تدريب Z): X is the head, Y the fallback.
        var partner: (Mention, Bool)? = nil
        var crossedPunct = false
        var nearestWord: String? = nil      // the word right after the mention reached, if no punctuation between
        while k >= lo {
            if let m = mention(k) {
                if partner == nil, isAlly(m), k < i - 1, linkObjects.contains(mentionAt[k]) {
                    partner = (m, crossedParen); k = m.tokens.lowerBound - 1; continue
                }
                // أسقطت X طائرة حربية تابعة للنظام: the participle agrees with the noun after X, not with X.
                if !crossedPunct, partner == nil, let w = nearestWord, m.kind.isActor, !adjectiveLike(w) { return nil }
                // A place phrase after the noun (حلفاء طهران في العراق، ومنهم …).
                let s = m.tokens.lowerBound
                if m.kind == .location, s - 1 >= lo, tokens[s - 1].marker == .fi { k = s - 2; continue }
                if m.kind == .location, tokens[s].text.utf8HasPrefix("ب"), !ArabicNormalizer.normalize(m.surface).utf8HasPrefix("ب") { k = s - 1; continue }
                return isAlly(m) ? (m, crossedParen) : partner
            }
            if tokens[k].kind == .punct {
                if tokens[k].marker == .openParenthesis || tokens[k].marker == .openBracket { crossedParen = true }
                if tokens[k].text.isOne(of: "،", ",", "(", ")", "-", "–") { crossedPunct = true; nearestWord = nil; k -= 1; continue }
                return partner
            }
            let w = tokens[k].text, wm = tokens[k].marker
            if !crossedPunct { nearestWord = w }
            if wc.relatives.contains(w) || wm == .wahiya || wm == .wahuwa || wm == .wahum { k -= 1; continue }      // X، التي يدعمها Y، X، وهي تحالف تقوده Y
            if let p = partner, p.0.tokens.lowerBound - k <= 3,
               wc.prepositions.contains(w) || hits.contains(k, where: { $0.trigger.frame == .link || $0.trigger.frame == .accompany }) {
                k -= 1; continue                                   // over the linking word of the partner
            }
            if wm == .fi, k + 2 < hi, k + 2 <= i, k + 2 == i || tokens[k + 2].kind == .punct, words > 0 {
                words -= 1; k -= 1; continue                        // حلفاء طهران في العراق، ومنهم …
            }
            if wc.prepositions.contains(w) || isBlock(k) || isCue(.speech, k) { return partner }
            if hits.contains(k, where: { $0.trigger.frame == .verb }) { return partner }
            if startsWithConj(k) && !(w.utf8HasSuffix("يه") || w.utf8HasSuffix("ي") || w.utf8HasSuffix("يين") || w.utf8HasSuffix("يون")) { return partner }
            words += 1
            if words > 5 { return partner }
            k -= 1
        }
        return partner
    }

    /// An adjective or participle that can stand between a noun and the participle describing it
    /// (الكردية، المسلحة، المعارضة): a nationality ending, a participle in م, or a generic adjective.
    func adjectiveLike(_ w: String) -> Bool {
        let bare = Clitics.withoutArticle(startsWithConjWord(w) ? String(w.unicodeScalars.dropFirst()) : w)
        if ontology.wordClasses.genericAdjectives.contains(w) || ontology.wordClasses.genericAdjectives.contains(bare) { return true }
        if ["ي", "يه", "يين", "يون"].contains(where: { bare.utf8HasSuffix($0) }) { return true }
        return bare.utf8HasPrefix("م") && bare.unicodeScalars.count >= 4
    }

    func startsWithConjWord(_ w: String) -> Bool { w.utf8HasPrefix("و") && w.unicodeScalars.count >= 4 }

    /// The verb is read as passive: a number, من or في, or a ل-genitive stands between it and the
    /// first actor (قُتل ثلاثة من عناصر X، استُهدف رتل للقوات التركية), or that actor is civilians.
    func passiveReading(_ end: Int, _ v: Mention) -> Bool {
        if v.kind == .population { return true }
        var k = end
        while k < v.tokens.lowerBound {
            if tokens[k].kind == .number || tokens[k].marker == .min || tokens[k].marker == .fi { return true }
            if wc.quantities.contains(tokens[k]) { return true }
            if tokens[k].isWord, hits.contains(k, where: { $0.trigger.frame == .leader }) { return true }
            k += 1
        }
        if v.tokens.lowerBound > end {
            let first = tokens[v.tokens.lowerBound].text
            // (الطائرات الحربية التابعة للتحالف: the ل of a linking participle marks no passive.)
            let afterLink = v.tokens.lowerBound - 1 >= lo && hits.contains(v.tokens.lowerBound - 1) { $0.trigger.relation == .alliedWith }
            if first.utf8HasPrefix("ل") && !ArabicNormalizer.normalize(v.surface).utf8HasPrefix("ل") && !afterLink { return true }
        }
        return false
    }


    /// Who did it, after the victims of a passive or of تعرض: علي يد X، من X، an event noun with its
    /// genitive (بغارة للتحالف), a nationality adjective (بغارة روسية), or a light verb (زرعتها X).
    func passiveAgent(after from: Int) -> (NodeID, Double)? {
        var k = from
        var steps = 0
        var sawEvent = false
        while k < hi, steps < 14 {
            let eventNoun = hits.contains(k) { $0.trigger.relation == .attacked && $0.trigger.frame != .verb }
            if isBlock(k, verbsOnly: true) && !isCue(.light, k) && !eventNoun { return nil }
            let wm = tokens[k].marker
            if isWord(k), !hasMention(k), let n = nisba(k) { return (n, 0.85) }
            if isWord(k), !hasMention(k),
               hits.contains(k, where: { $0.trigger.relation == .attacked && $0.trigger.frame != .verb }) {
                sawEvent = true
            }
            let byHand = (wm == .ala || wm == .biyad) && k + 1 < hi && tokens[k + 1].text.isOne(of: "يد", "ايدي")
            if (wm == .min && sawEvent) || byHand || wm == .biyad {
                if let a = firstMention(from: k + 1, window: 3, want: { self.isAgent($0) }) { return (a.node, 0.9) }
            }
            if let (a, f, _) = lightVerbAgent(after: k), let first = a.first { return (first.node, f) }
            if let g = mention(k), isAgent(g), k > from, k - 1 >= lo,
               hits.contains(k - 1, where: { $0.trigger.relation == .attacked && $0.trigger.frame == .noun }) {
                return (g.node, 0.8)                  // بغارة للتحالف، لقصف لطيران X
            }
            if sawEvent, let g = mention(k), isAgent(g), k > from, tokens[k].text.utf8HasPrefix("ل"),
               !ArabicNormalizer.normalize(g.surface).utf8HasPrefix("ل") {
                return (g.node, 0.8)                  // جراء غارات جوية وقصف مدفعي لقوات النظام
            }
            k += 1; steps += 1
        }
        return nil
    }



    /// على مركزها، على أجزاء منها، على معظمها: a part of the place named before.
    func placePart(after from: Int) -> Mention? {
        var k = from
        while k < min(hi, from + 4), isWord(k), !hasMention(k) {
            let w = tokens[k].text, wm = tokens[k].marker
            if wm == .ala { k += 1; continue }
            let partWithPronoun = Clitics.encliticReadings(w).contains { wc.placeParts.contains($0.stem) && ($0.pronoun == "ها" || $0.pronoun == "ه") }
            let partOf = wc.placeParts.contains(w) && k + 1 < hi && tokens[k + 1].text.isOne(of: "منها", "منه")
            if partWithPronoun || partOf { return referentPlace(before: from) }
            return nil
        }
        return nil
    }

    /// Places listed after a count of places (ستة أحياء … أبرزها X وY).
    func listedPlaces(after from: Int, want: (Mention) -> Bool) -> [Mention] {
        var k = from
        while k < min(hi, from + 14) {
            if isWord(k), !hasMention(k), wc.listingWords.contains(tokens[k]) {
                return collect(from: k + 1, window: 2, want: want)
            }
            if isWord(k), !hasMention(k), isBlock(k, verbsOnly: true) { return [] }
            k += 1
        }
        return []
    }

    /// Victims named in a consequence after an attack on a place: ما أدى إلى مقتل X، أسفر عن مقتل X.
    func consequenceVictims(after from: Int) -> [Mention]? {
        var k = from
        while k < hi {
            if isWord(k), !hasMention(k), isCue(.casualty, k), k - 1 >= lo,
               (k - 1 >= from && wc.consequenceWords.contains(tokens[k - 1])) || (k - 2 >= from && wc.consequenceWords.contains(tokens[k - 2])) {
                let v = collect(from: k + 1, window: 5, want: { $0.kind.isActor })
                return v.isEmpty ? nil : v
            }
            if isWord(k), !hasMention(k), k > from,
               hits.contains(k, where: { $0.trigger.frame == .verb && !isCue(.casualty, k) }) { return nil }
            k += 1
        }
        return nil
    }

    /// After a subject, a clause between commas or brackets (، التي يتزعمها …، / (قسد)) is skipped.
    func skipInterjection(from k: Int) -> Int {
        guard k < hi, tokens[k].kind == .punct else { return k }
        let open = tokens[k].text
        let close: Set<String> = open == "(" ? [")"] : (open == "،" || open == "," ? ["،", ","] : [])
        guard !close.isEmpty else { return k }
        var j = k + 1
        while j < hi, j - k <= 14 {
            if tokens[j].kind == .punct, close.contains(tokens[j].text) { return j + 1 }
            if isWord(j), !hasMention(j), hits.contains(j, where: { $0.trigger.frame == .verb && $0.trigger.relation != .alliedWith }) { return k }
            j += 1
        }
        return k
    }

    /// Nothing but a conjunction or punctuation stands before token i in its clause.
    func clauseInitial(_ i: Int) -> Bool {
        var k = i - 1
        while k >= lo {
            if tokens[k].kind == .punct { return tokens[k].marker == .arabicComma || tokens[k].marker == .comma }
            if tokens[k].marker == .wa || tokens[k].marker == .fa || tokens[k].marker == .kama || tokens[k].marker == .waqad || tokens[k].marker == .qad { k -= 1; continue }
            return false
        }
        return true
    }


    /// The subject of a verb introduced by a pronoun (قالت قسد إنها سيطرت): the subject of the verb of
    /// saying before it, else the nearest actor that is not the object of a linking word.
    func pronounSubject(_ i: Int) -> Mention? {
        var k = i - 1
        var steps = 0
        while k >= lo, steps < 3 {
            if isWord(k), wc.subjectPronouns.contains(tokens[k]) {
                var j = k - 1
                while j >= lo {
                    if isCue(.speech, j) || isCue(.attribution, j), let m = firstMention(from: j + 1, window: 2, want: { self.isAgent($0) }), m.tokens.upperBound <= k {
                        return m
                    }
                    j -= 1
                }
                return referent(before: k, excluding: [])
            }
            if tokens[k].marker == .qad || tokens[k].marker == .laqad { k -= 1; steps += 1; continue }
            return nil
        }
        return nil
    }

    func isAgent(_ m: Mention) -> Bool { m.kind.isActor && m.kind != .population }
    func isAlly(_ m: Mention) -> Bool { m.kind.isActor && m.kind != .population }

    func isCue(_ type: CueType, _ k: Int) -> Bool { ontology.isCue(type, tokens[k]) }
    @inline(__always) func isWord(_ k: Int) -> Bool { tokens[k].isWord }

    /// A token that ends an argument search: a clause word, or another trigger (with `verbsOnly`,
    /// only an event verb).
    func isBlock(_ k: Int, verbsOnly: Bool = false) -> Bool {
        // The token's fields read in place: a copy of it retained and released its lexeme.
        if tokens[k].kind == .punct { return tokens[k].marker == .colon || tokens[k].marker == .arabicSemicolon || tokens[k].marker == .semicolon }
        if mentionAt[k] >= 0 { return false }
        if phraseCues.contains(k, where: { $0.type == .boundary }) { return true }
        // An event noun inside a prepositional phrase (خلال المعارك، بعد الهجوم) opens no new event.
        let inPP = k - 1 >= lo && wc.eventPrepositions.contains(tokens[k - 1])
        return hits.contains(k) {
            verbsOnly ? ($0.trigger.frame == .verb || $0.trigger.frame == .undergo)
                      : $0.trigger.frame != .area && !(inPP && $0.trigger.frame != .verb)
        }
    }

    func mention(_ k: Int) -> Mention? { mentionAt[k] >= 0 ? mentions[mentionAt[k]] : nil }
    /// Whether token k is part of a mention (without copying the mention out).
    @inline(__always) func hasMention(_ k: Int) -> Bool { mentionAt[k] >= 0 }

    /// The actor right before the trigger (SVO), allowing a couple of adverbs or punctuation in between.
    func subjectBefore(_ i: Int) -> Mention? {
        var k = i - 1
        var gap = 0
        while k >= lo, gap <= 2 {
            if let m = mention(k) { return inSubjectPosition(m) ? m : nil }
            // الجيش وحلفاؤه كسروا …: the allies coordinated with the subject.
            if startsWithConj(k), hits.contains(k, where: { $0.trigger.frame == .link && $0.pronoun != nil }) { gap += 1; k -= 1; continue }
            if tokens[k].isWord && (isBlock(k) || isCue(.negation, k) || wc.subjectPronouns.contains(tokens[k])) { return nil }
            if tokens[k].kind == .punct && (tokens[k].marker == .arabicComma || tokens[k].marker == .comma) { return nil }
            gap += 1; k -= 1
        }
        return nil
    }

    /// A noun phrase can be a preposed subject only at the start of its clause: after the sentence
    /// start, punctuation, إن/أن/لكن, a verb of saying, or as a coordinated noun; after another noun it is
    /// a genitive (خطوط المعارضة ودخلت …: not the subject).
    func inSubjectPosition(_ m: Mention) -> Bool {
        let s = m.tokens.lowerBound
        if startsWithConj(s) { return true }
        var k = s - 1
        // Over the head of the subject's noun phrase: مقاتلي التنظيم، خلايا لداعش، عناصر تابعين للنظام، مقاتلين من X.
        func head(_ k: Int) -> Bool {
            isWord(k) && !hasMention(k) && (isCue(.container, k) || wc.quantities.contains(tokens[k])
                || hits.contains(k) { $0.trigger.frame == .link })
        }
        while k >= lo {
            if tokens[k].kind == .punct && (tokens[k].marker == .openParenthesis || tokens[k].marker == .closeParenthesis) { k -= 1; continue }
            if head(k) {
                if startsWithConj(k) { return true }
                k -= 1; continue
            }
            if tokens[k].marker == .min, k - 1 >= lo, head(k - 1) { k -= 1; continue }
            break
        }
        guard k >= lo else { return true }
        if tokens[k].kind == .punct || tokens[k].kind == .number { return true }
        if wc.clauseOpeners.contains(tokens[k]) { return true }
        if isCue(.speech, k) || isCue(.attribution, k) || isCue(.hedge, k) { return true }
        return hasMention(k)          // X (قسد) هاجمت …
    }

    /// The first mention satisfying `want` within `window` non-mention tokens after `from`.
    func firstMention(from: Int, window: Int, want: (Mention) -> Bool) -> Mention? {
        var k = from
        var skipped = 0
        while k < hi {
            // قصفت البلدة، مؤكدة أن …: a new clause of saying begins.
            if tokens[k].kind == .punct, tokens[k].marker == .arabicComma || tokens[k].marker == .comma, k + 1 < hi, !hasMention(k + 1),
               isCue(.attribution, k + 1) || isCue(.speech, k + 1) { return nil }
            if let m = mention(k) {
                if want(m) { return m }
                k = m.tokens.upperBound; skipped += 1
                if skipped > window { return nil }
                continue
            }
            if isBlock(k) {
                let linking = hits.contains(k) { $0.trigger.frame == .link || $0.trigger.frame == .leader }
                if !(linking && window > 0) { return nil }
            }
            skipped += 1
            if skipped > window { return nil }
            k += 1
        }
        return nil
    }

    /// A nationality adjective after an event noun (غارة روسية، قصف تركي): the state it names.
    func nisba(_ k: Int) -> NodeID? {
        guard isWord(k) else { return nil }
        for r in tokens[k].proclitics {
            for e in ontology.lexicon.lookup([r]) {
                if case .actor(let id, .nisba) = e { return id }
            }
        }
        return nil
    }

    /// The nearest mention satisfying `want` before `i` in this sentence, skipping parentheticals
    /// that closed before `i` and appositions between commas (X، فصائل … مدعومة من Y، …: X, not Y).
    /// With `sameClause`, the search stops at a comma that is not an apposition's, or a clause word.
    func nearestBefore(_ i: Int, window: Int = 1000, sameClause: Bool = false, want: (Mention) -> Bool) -> Mention? {
        let d0 = i < depth.count ? depth[i] : 0
        var k = i - 1
        var steps = 0
        while k >= lo, steps <= window {
            if tokens[k].kind == .punct, tokens[k].marker == .arabicComma || tokens[k].marker == .comma {
                if let head = appositionHead(endingAt: k) {
                    if want(head) { return head }
                    k = head.tokens.lowerBound - 1; steps += 1
                    continue
                }
                if sameClause { return nil }
            }
            if sameClause, tokens[k].isWord, !hasMention(k), isCue(.boundary, k) { return nil }
            if let m = mention(k), want(m), depth[k] <= d0 || m.tokens.lowerBound >= i { return m }
            k -= 1; steps += 1
        }
        return nil
    }

    /// For a comma at `c` closing an apposition "X، … ،", the mention X before the opening comma.
    func appositionHead(endingAt c: Int) -> Mention? {
        var k = c - 1
        var steps = 0
        while k > lo, steps < 14 {
            if tokens[k].kind == .punct, tokens[k].marker == .arabicComma || tokens[k].marker == .comma {
                // An apposition describes its head (تحالف …، حليف …، الذي …); an object or a new clause does not.
                if k + 1 < c, isWord(k + 1), !hasMention(k + 1),
                   isCue(.container, k + 1) || isCue(.speech, k + 1) || hits.contains(k + 1, where: { $0.trigger.frame == .verb }) { return nil }
                if let m = mention(k - 1), m.kind.isActor {
                    // The head of an apposition inside another (X، المنضوي في Y، اليوم، …): X.
                    if linkObjects.contains(mentionAt[k - 1]), let outer = appositionHead(endingAt: k) { return outer }
                    return m
                }
                return nil
            }
            if tokens[k].isWord, !hasMention(k), isCue(.boundary, k) || isCue(.speech, k) { return nil }
            if tokens[k].isWord, hits.contains(k, where: { $0.trigger.frame == .verb }) { return nil }
            k -= 1; steps += 1
        }
        return nil
    }

    /// The subject of a light verb (شن، نفذ) carrying the event noun at `i`: شن التنظيم، اليوم، هجوما.
    func lightVerbSubject(before i: Int) -> Mention? {
        var k = i - 1
        var steps = 0
        while k >= lo, steps < 16 {
            if isWord(k), !hasMention(k), isCue(.light, k) {
                if let m = firstMention(from: k + 1, window: 4, want: { self.isAgent($0) }), m.tokens.upperBound <= i { return m }
                if let m = subjectBefore(k), isAgent(m) { return m }
                // سلاح الجو الروسي الذي نفذ … طلعة: the noun the relative clause describes.
                if k - 2 >= lo, wc.relatives.contains(tokens[k - 1]), let m = mention(k - 2), isAgent(m) { return m }
                return nil
            }
            if isWord(k), !hasMention(k), isCue(.boundary, k) { return nil }
            k -= 1; steps += 1
        }
        return nil
    }


    /// The stem of a container noun carrying a pronoun (عناصره → عناصر).
    func containerStem(_ k: Int) -> String? {
        guard ontology.mayCarryPronoun(tokens[k], after: .container) else { return nil }
        for r in tokens[k].readings {
            for (stem, _) in Clitics.encliticReadings(r) where ontology.cues[stem]?.contains(.container) ?? false { return stem }
        }
        return nil
    }

    /// A container noun carrying a pronoun (مواقعهم، صفوفها): the pronoun.
    func containerPronoun(_ k: Int) -> String? {
        guard ontology.mayCarryPronoun(tokens[k], after: .container) else { return nil }
        for r in tokens[k].readings {
            for (stem, p) in Clitics.encliticReadings(r) where ontology.cues[stem]?.contains(.container) ?? false { return p }
        }
        return nil
    }

    /// The genitive actor right after a noun trigger (هجوم التنظيم، هجمات متتالية للتنظيم).
    func genitive(after end: Int, window: Int) -> Mention? {
        var k = end
        var gap = 0
        while k < hi, gap <= window {
            if let m = mention(k) { return isAgent(m) ? m : nil }
            if tokens[k].kind == .punct && tokens[k].marker != .openParenthesis { return nil }
            if tokens[k].isWord {
                let wm = tokens[k].marker
                if wm == .ala || wm == .didd || wm == .fi || wm == .bayna || wm == .maa || wm == .min || wm == .alayhi || wm == .alayha
                    || wm == .nahw || wm == .bittijah || wm == .ila || wm == .bihaqq { return nil }
                if isBlock(k) { return nil }
            }
            gap += 1; k += 1
        }
        return nil
    }

    /// على / ضد / بحق after the trigger; a pronoun form (عليها) is returned with its pronoun.
    func findPreposition(from: Int, window: Int) -> (Int, String?)? {
        var k = from
        var steps = 0
        while k < hi, steps <= window {
            if tokens[k].isWord {
                // The word classes `target_preposition` and `target_preposition_pronoun` (عليها).
                if wc.targetPrepositions.contains(tokens[k]) { return (k, nil) }
                if wc.targetPrepositionPronouns.contains(tokens[k]) { return (k, "pronoun") }
                if !hasMention(k) && isBlock(k, verbsOnly: true) && !wc.relatives.contains(tokens[k]) && !isCue(.light, k) { return nil }
            } else if tokens[k].kind == .punct, tokens[k].marker == .arabicComma || tokens[k].marker == .comma {
                // commas around time phrases are fine
            }
            k += 1; steps += 1
        }
        return nil
    }

    /// Mentions wanted after `from`: the first within `window` tokens, then those coordinated with it
    /// by و (possibly through a container word or a place phrase: وعلى مواقع Y، Y في P وZ).
    func collect(from: Int, window: Int, want: (Mention) -> Bool) -> [Mention] {
        guard let first = firstMention(from: from, window: window, want: want) else { return [] }
        var out = [first]
        var k = first.tokens.upperBound
        while k < hi {
            // Look ahead over at most 4 tokens for a coordinated mention.
            var j = k
            var sawConj = false
            var found: Mention? = nil
            var steps = 0
            while j < hi, steps < 7 {
                if tokens[j].kind == .punct {
                    if tokens[j].marker == .openParenthesis || tokens[j].marker == .closeParenthesis || tokens[j].marker == .hyphen || tokens[j].marker == .enDash { j += 1; continue }
                    if tokens[j].marker == .arabicComma || tokens[j].marker == .comma { j += 1; steps += 1; continue }
                    break
                }
                if startsWithConj(j) || tokens[j].lexeme.startsWithWaw && tokens[j].text.isOne(of: "و", "ول", "وب", "ولل") { sawConj = true }
                if !hasMention(j), wc.coordinationStops.contains(tokens[j]) || isPrepPronoun(tokens[j].text) || wc.listingWords.contains(tokens[j]) { break }
                if !hasMention(j), wc.directions.contains(tokens[j]), j + 1 < hi, mention(j + 1)?.kind == .location { break }   // … شرقي درعا
                if let m = mention(j) {
                    if want(m), sawConj { found = m; break }
                    if m.kind == .location || want(m) == false {
                        // a place phrase between coordinated actors (X في P وY)
                        j = m.tokens.upperBound; steps += 1; continue
                    }
                    break
                }
                if isBlock(j) { break }
                j += 1; steps += 1
            }
            guard let m = found else { break }
            out.append(m)
            k = m.tokens.upperBound
        }
        return out
    }


    /// The mention and the ones coordinated with it right around it (روسيا وإيران).
    func group(_ m: Mention) -> [Mention] {
        var out = [m]
        // Backwards: "A و B" where m is B; `start` is where the leftmost mention found begins.
        var start = m.tokens.lowerBound
        while startsWithConj(start) || (start - 1 >= lo && tokens[start - 1].quoteAfter == false && isWord(start - 1) && tokens[start - 1].marker == .wa) {
            var k = start - 1
            var found: Mention? = nil
            var steps = 0
            while k >= lo, steps < 2 {
                if let p = mention(k) { found = p; break }
                if tokens[k].kind == .punct && tokens[k].marker != .openParenthesis && tokens[k].marker != .closeParenthesis { break }
                k -= 1; steps += 1
            }
            guard let p = found, p.kind == m.kind || (p.kind.isActor && m.kind.isActor) else { break }
            start = p.tokens.lowerBound
            out.insert(p, at: 0)
        }
        // Forwards: "m و C".
        var k = m.tokens.upperBound
        while k < hi {
            var j = k
            var steps = 0
            while j < hi, steps < 2, tokens[j].kind == .punct, tokens[j].marker == .openParenthesis || tokens[j].marker == .closeParenthesis { j += 1; steps += 1 }
            guard j < hi, startsWithConj(j), let n = mention(j), n.tokens.lowerBound == j,
                  n.kind == m.kind || (n.kind.isActor && m.kind.isActor) else { break }
            out.append(n)
            k = n.tokens.upperBound
        }
        // Keep distinct nodes (a handful of mentions: compared, not hashed).
        guard out.count > 1 else { return out }
        var distinct: [Mention] = []
        for x in out where !distinct.contains(where: { $0.node == x.node }) { distinct.append(x) }
        return distinct
    }

    /// The token begins with the conjunction و/ف as a clitic.
    func startsWithConj(_ k: Int) -> Bool {
        guard k < tokens.count, isWord(k) else { return false }
        guard tokens[k].scalarCount >= 3, tokens[k].lexeme.startsWithWaw else { return false }
        // The mention read in place (a copy retained and released its strings).
        let index = mentionAt[k]
        if index >= 0, mentions[index].tokens.lowerBound == k {
            return ArabicNormalizer.firstScalar(ofNormalized: mentions[index].surface) != "و"
        }
        return true
    }

    /// له، لها، لهم، معه، منه …: a preposition carrying a pronoun.
    func isPrepPronoun(_ w: String) -> Bool {
        wc.prepPronouns.contains(w)
    }

    /// "من X" right after a participle phrase: who the fighters are.
    func specification(after k: Int) -> Mention? {
        guard k < hi, tokens[k].marker == .min else { return nil }
        return firstMention(from: k + 1, window: 1, want: { self.isAlly($0) })
    }

    /// The actor a pronoun refers to: the nearest actor before `i` (this sentence first, then the
    /// previous ones), outside parentheticals that closed before it, and not in `excluding`.
    func referent(before i: Int, excluding: Set<NodeID>) -> Mention? {
        // The sentence's subject is the most salient antecedent: ضاعف تنظيم داعش … هجماته … تحت سيطرته.
        if let first = mentions.first(where: { $0.tokens.lowerBound >= lo && $0.tokens.lowerBound < i && self.isAgent($0) }),
           first.tokens.lowerBound <= lo + 6, !excluding.contains(first.node), depth[first.tokens.lowerBound] == 0,
           !linkObjects.contains(mentionAt[first.tokens.lowerBound]) {
            return first
        }
        if let m = nearestBefore(i, want: { self.isAgent($0) && !excluding.contains($0.node) && !self.linkObjects.contains(self.mentionAt[$0.tokens.lowerBound]) }) { return m }
        let first = mentions.firstIndex { $0.tokens.lowerBound >= lo } ?? mentions.count
        for k in (0..<first).reversed() where isAgent(mentions[k]) && !excluding.contains(mentions[k].node) && depth[mentions[k].tokens.lowerBound] == 0 {
            return mentions[k]
        }
        return nil
    }

    /// The place a pronoun on على refers to: the nearest place before `i`, this sentence first.
    func referentPlace(before i: Int) -> Mention? {
        if let m = nearestBefore(i, want: { $0.kind == .location }) { return m }
        let first = mentions.firstIndex { $0.tokens.lowerBound >= lo } ?? mentions.count
        return mentions[..<first].last { $0.kind == .location && $0.sentence == si - 1 }
    }

    /// After an event noun: (التي) شنتها / نفذتها + actor, or + a noun carrying a pronoun (طائراته).
    func lightVerbAgent(after end: Int) -> ([Mention], Double, Int)? {
        var k = end
        var steps = 0
        while k < hi, steps < 4 {
            if isWord(k), isCue(.light, k) || ontology.mayCarryPronoun(tokens[k], after: .light) && tokens[k].readings.contains(where: { r in
                Clitics.encliticReadings(r).contains { ontology.cues[$0.stem]?.contains(.light) ?? false }
            }) {
                if let m = firstMention(from: k + 1, window: 2, want: { self.isAgent($0) }) {
                    let g = group(m)
                    return (g, 0.9, g.map { $0.tokens.upperBound }.max()!)
                }
                // طائراته: a forces noun carrying a pronoun
                if k + 1 < hi, ontology.mayCarryPronoun(tokens[k + 1], after: .container),
                   Clitics.encliticReadings(tokens[k + 1].text).contains(where: { ontology.cues[$0.stem]?.contains(.container) ?? false }),
                   let r = referent(before: k, excluding: []) {
                    return ([r], 0.85, k + 2)
                }
                return nil
            }
            if tokens[k].marker == .alladhi || tokens[k].marker == .allati || tokens[k].marker == .alladhina {
                k += 1; steps += 1; continue
            }
            if tokens[k].kind == .punct || isBlock(k) || hasMention(k) { return nil }
            k += 1; steps += 1
        }
        return nil
    }

    /// تم / جرى right before the event: a passive with no agent in the clause.
    func passiveBefore(_ i: Int) -> Bool {
        guard i - 1 >= lo else { return false }
        let wm = tokens[i - 1].marker
        return wm == .tamma || wm == .watamma || wm == .jara || wm == .yatimmu || wm == .satatimmu
    }

    func syntheticMention(_ id: NodeID, at i: Int) -> Mention {
        Mention(node: id, kind: ontology.nodes[id]?.kind ?? .other, sentence: si, tokens: i..<i,
                span: tokens[i].range, surface: "", via: .anaphor)
    }

    func text(_ r: Range<Int>) -> String {
        let utf8 = doc.document.text.utf8
        let a = utf8.index(utf8.startIndex, offsetBy: tokens[r.lowerBound].range.lowerBound)
        let b = utf8.index(utf8.startIndex, offsetBy: tokens[r.upperBound - 1].range.upperBound)
        return String(decoding: utf8[a..<b], as: UTF8.self)
    }

    // MARK: - Cues

    struct Mood { var drop: String? = nil; var hedged = false; var attempt = false }

    /// Reads the cues around a trigger. Negation, threat and intention reach back over the clause
    /// (up to 10 tokens, not past a comma or clause word); denial and hedging over the sentence.
    func mood(before i: Int, after end: Int, relation: RelationType) -> Mood {
        var m = Mood()
        var k = i - 1
        var dist = 0
        var inClause = true
        while k >= lo {
            dist += 1
            let marker = tokens[k].marker
            if tokens[k].kind == .punct, marker == .arabicComma || marker == .comma || marker == .arabicSemicolon || marker == .colon { inClause = false }
            // بعد سيطرته على سنجار: an event inside a time phrase is background, out of the reach of a
            // threat, an intention or a negation before it.
            if k < i, tokens[k].isWord, wc.eventPrepositions.contains(tokens[k]), marker != .fi { inClause = false }
            for c in phraseCues[k] {
                let near = inClause && dist <= 10
                switch c.type {
                case .negation where near:
                    if !(k + 1 < hi && isCue(.persist, k + 1)) { m.drop = "negated" }
                case .denial: m.drop = "denied"
                case .threat where near: m.drop = "threat, warning or preparation"
                case .intention where near:
                    if relation == .controls { m.drop = "intention" } else { m.attempt = true }
                case .loss where dist <= 2 && relation == .controls: m.drop = "loss of control"
                case .hedge: m.hedged = true
                case .boundary where k < i - 1 || wc.relatives.contains(tokens[k]): inClause = false   // لم تستعد المطار الذي سيطرت عليه X
                default: break
                }
            }
            k -= 1
        }
        var j = end
        while j < min(hi, end + 3) {
            if isCue(.hedge, j) { m.hedged = true }
            j += 1
        }
        return m
    }
}
