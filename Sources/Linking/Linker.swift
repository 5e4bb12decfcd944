import ActorGraphModel
import ArabicText
import Ontology

/// A document after linking: its tokens, sentences and mentions, with a token → mention index.
public struct LinkedDocument: Sendable {
    public var document: Document
    public var tokens: [Token]
    public var sentences: [Sentence]
    /// Mentions in text order.
    public var mentions: [Mention]
    /// For each token, the index of the mention covering it, or -1.
    public var mentionAt: [Int]
    /// Parenthesis depth of each token (0 outside brackets).
    public var depth: [Int]
    /// For each token, the sentence it belongs to.
    public var sentenceOf: [Int]
    /// Places the gazetteer lacks, recognised by a head word (قرية X، بلدة X).
    public var provisional: [NodeID: Node] = [:]
}

/// Links token spans to ontology actors and places.
///
/// Stages, in order, per sentence: longest alias match (first token read with or without
/// proclitics); a capital that is also a government metonym is an actor only in actor position;
/// anaphors (التنظيم، الحركة، النظام …) take the most recent compatible actor of the document.
public struct Linker: Sendable {
    public let ontology: Ontology
    /// The ontology's word classes, kept here: reading them off the ontology at every word cost a
    /// dynamic exclusivity check and a copy of the tables.
    let wc: WordClasses
    /// The ontology's aliases and place names, kept here for the same reason.
    let lexicon: TokenTrie<LexiconEntry>

    /// Each worker's surface forms, lent one per document (`SurfaceCache`).
    let surfaceCaches = ReusePool { SurfaceCache() }

    public init(ontology: Ontology) {
        self.ontology = ontology
        wc = ontology.wordClasses
        lexicon = ontology.lexicon
    }

    public func link(_ document: Document) -> LinkedDocument {
        let tt = ontology.tokenize(document.text)
        return link(document, tt)
    }

    public func link(_ document: Document, _ tt: TokenizedText) -> LinkedDocument {
        surfaceCaches.with { link(document, tt, surfaces: $0) }
    }

    private func link(_ document: Document, _ tt: TokenizedText, surfaces: SurfaceCache) -> LinkedDocument {
        let tokens = tt.tokens
        var mentions: [Mention] = []
        mentions.reserveCapacity(tokens.count / 8 + 4)
        var mentionAt = [Int](repeating: -1, count: tokens.count)
        var depth = [Int](repeating: 0, count: tokens.count)
        var sentenceOf = [Int](repeating: 0, count: tokens.count)
        var provisional: [NodeID: Node] = [:]

        for (si, s) in tt.sentences.enumerated() {
            var d = 0
            for i in s.tokens {
                sentenceOf[i] = si
                let marker = tokens[i].marker   // read in place: a copy of the token retained its lexeme
                if marker == .openParenthesis || marker == .openBracket { d += 1; depth[i] = d; continue }
                if marker == .closeParenthesis || marker == .closeBracket { depth[i] = d; d = max(0, d - 1); continue }
                depth[i] = d
            }
            var i = s.tokens.lowerBound
            let end = s.tokens.upperBound
            while i < end {
                guard tokens[i].isWord || tokens[i].kind == .number else { i += 1; continue }
                // The word's linking readings (وأم المياذن: a conjunction before a two-letter first word of
                // a name, `Ontology.linkReadings`) are read in place where a branch needs them: held in a
                // local, they were retained and released for every word.
                if ontology.mayStartName(tokens[i]),
                   let m = lexicon.longestMatch(count: end, start: i, firstReadings: tokens[i].lexeme.linkReadings,
                                                         laterWord: { j in tokens[j].kind == .punct ? nil : tokens[j].text }),
                   let chosen = choose(m.payloads, at: i, length: m.length, tokens: tokens, sentence: s,
                                       afterActor: i > s.tokens.lowerBound && mentionAt[i - 1] >= 0 && mentions[mentionAt[i - 1]].kind.isActor
                                           && mentions[mentionAt[i - 1]].kind != .population) {
                    let range = i..<(i + m.length)
                    let node = chosen.node
                    // A gazetteer place is a location (places.tsv ids are its own, lowercase, each
                    // defined once): no look-up of its node.
                    let kind = chosen.via == .place ? NodeKind.location : ontology.nodes[node]?.kind ?? .other
                    if kind == .location, insideOperationName(i, tokens: tokens, start: s.tokens.lowerBound) {
                        i += m.length; continue          // حملة "عاصفة الجزيرة": a name, not the place
                    }
                    let form = surface(document.text, tokens, cache: surfaces, range, firstReading: m.reading,
                                       withoutPlaceHead: kind == .location)
                    // Made in the append and completed in place (one made first was copied into the
                    // array, its strings retained and released).
                    mentions.append(Mention(node: node, kind: kind, sentence: si, tokens: range,
                                            span: tokens[i].range.lowerBound..<tokens[i + m.length - 1].range.upperBound,
                                            surface: form, via: chosen.via))
                    if kind.isActor, m.length >= 3 { mentions[mentions.count - 1].inner = innerActor(range, of: node, tokens: tokens, end: end) }
                    for k in range { mentionAt[k] = mentions.count - 1 }
                    i += m.length
                    continue
                }
                if tokens[i].isWord, i > s.tokens.lowerBound, mentionAt[i - 1] >= 0, mentions[mentionAt[i - 1]].kind == .state,
                   tokens[i].lexeme.startsWithWaw, nisba(tokens[i - 1]) != nil,
                   let reading = tokens[i].lexeme.linkReadings.dropFirst().first(where: { self.nisba(reading: $0) != nil }),
                   let state = nisba(reading: reading), state != mentions[mentionAt[i - 1]].node {
                    // Coordinated nationality adjectives: الطائرات الروسية والسورية → a second state.
                    mentions.append(Mention(node: state, kind: ontology.nodes[state]?.kind ?? .state, sentence: si, tokens: i..<(i + 1),
                                            span: tokens[i].range, surface: surface(document.text, tokens, cache: surfaces, i..<(i + 1), firstReading: reading),
                                            via: .alias))
                    mentionAt[i] = mentions.count - 1
                    i += 1
                    continue
                }
                if tokens[i].isWord, i + 1 < end, ontology.isCue(.container, tokens[i]),
                   let (state, width) = nisba(tokens[i + 1]).map({ ($0, 2) })
                    ?? ((i + 2 < end && wc.forcesAdjectives.contains(tokens[i + 1])) ? nisba(tokens[i + 2]).map { ($0, 3) } : nil) {
                    // A forces noun with a nationality adjective: طائرة روسية، طائرات حربية روسية، جنودا أتراكا.
                    let range = i..<(i + width)
                    mentions.append(Mention(node: state, kind: ontology.nodes[state]?.kind ?? .state, sentence: si, tokens: range,
                                            span: tokens[i].range.lowerBound..<tokens[i + width - 1].range.upperBound,
                                            surface: surface(document.text, tokens, cache: surfaces, range, firstReading: tokens[i].lexeme.linkReadings.first { ontology.cues[$0]?.contains(.container) ?? false } ?? tokens[i].text),
                                            via: .alias))
                    for k in range { mentionAt[k] = mentions.count - 1 }
                    i += width
                    continue
                }
                // The head word asked here, so that most words make no call.
                if tokens[i].isWord, ontology.linkReading(of: tokens[i], isIn: wc.provisionalHeads),
                   let (len, name) = provisionalPlace(at: i, end: end, tokens: tokens) {
                    let id = Linker.placeID(name)
                    let range = (i + 1)..<(i + 1 + len)
                    let written = surface(document.text, tokens, cache: surfaces, range, firstReading: tokens[i + 1].text)
                    if provisional[id] == nil { provisional[id] = Node(id: id, kind: .location, nameAr: written, nameEn: "") }
                    mentions.append(Mention(node: id, kind: .location, sentence: si, tokens: range,
                                            span: tokens[i + 1].range.lowerBound..<tokens[i + len].range.upperBound,
                                            surface: written, via: .provisional))
                    for k in range { mentionAt[k] = mentions.count - 1 }
                    i += 1 + len
                    continue
                }
                if tokens[i].isWord, ontology.linkReading(of: tokens[i], isIn: wc.actorHeads) || ontology.linkReading(of: tokens[i], isIn: wc.quotedActorHeads),
                   let (len, name) = provisionalActor(at: i, end: end, tokens: tokens) {
                    let head = tokens[i].lexeme.linkReadings.first { wc.actorHeads.contains($0) || wc.quotedActorHeads.contains($0) } ?? tokens[i].text
                    let id = Linker.actorID(head + " " + name)
                    let range = i..<(i + 1 + len)
                    let written = surface(document.text, tokens, cache: surfaces, range, firstReading: head)
                    if provisional[id] == nil { provisional[id] = Node(id: id, kind: .armedGroup, nameAr: written, nameEn: "") }
                    mentions.append(Mention(node: id, kind: .armedGroup, sentence: si, tokens: range,
                                            span: tokens[i].range.lowerBound..<tokens[i + len].range.upperBound,
                                            surface: written, via: .provisional))
                    for k in range { mentionAt[k] = mentions.count - 1 }
                    i += 1 + len
                    continue
                }
                if tokens[i].isWord, ontology.mayBePlaceAnaphor(tokens[i]), let antecedent = placeAnaphor(readings: tokens[i].lexeme.linkReadings, before: mentions, sentence: si) {
                    // المدينة، البلدة: the place of that kind named last, in this sentence or the two before.
                    mentions.append(Mention(node: antecedent.node, kind: .location, sentence: si, tokens: i..<(i + 1),
                                            span: tokens[i].range, surface: antecedent.surface, via: .anaphor))
                    mentionAt[i] = mentions.count - 1
                    i += 1
                    continue
                }
                if tokens[i].isWord, ontology.mayBeAnaphor(tokens[i]), let (node, reading) = anaphor(tokens[i].lexeme.linkReadings, before: mentions, ahead: { self.firstPlace(after: i, tokens: tokens) }) {
                    let kind = ontology.nodes[node]?.kind ?? .other
                    mentions.append(Mention(node: node, kind: kind, sentence: si, tokens: i..<(i + 1),
                                            span: tokens[i].range, surface: reading, via: .anaphor))
                    mentionAt[i] = mentions.count - 1
                }
                i += 1
            }
        }
        return LinkedDocument(document: document, tokens: tokens, sentences: tt.sentences, mentions: mentions,
                              mentionAt: mentionAt, depth: depth, sentenceOf: sentenceOf, provisional: provisional)
    }

    /// Picks among the lexicon entries of one span: an actor alias first; a capital that is also a
    /// metonym is the government only in actor position, otherwise the place.
    func choose(_ entries: [LexiconEntry], at i: Int, length: Int, tokens: [Token], sentence: Sentence, afterActor: Bool = false)
        -> (node: NodeID, via: LinkVia)? {
        var place: NodeID? = nil
        var metonym: NodeID? = nil
        for e in entries {
            switch e {
            case .actor(let id, let type):
                if type == .metonym { metonym = id } else if type != .nisba { return (id, .alias) }
            case .place(let id):
                if place == nil { place = id }
            }
        }
        // Right after an actor (اتهمت أنقرة واشنطن) a capital is the object of the same verb.
        if let metonym, afterActor || inActorPosition(i, length: length, tokens: tokens, sentence: sentence) { return (metonym, .metonym) }
        if let place { return (place, .place) }
        return nil
    }

    /// A capital stands for its government right after a linking word (حليفتي دمشق، مدعومة من
    /// طهران، بقيادة واشنطن), as the subject of a verb of saying or acting (قالت أنقرة، أنقرة تتهم),
    /// or as the first word of its own proclitic-free reading after a linking preposition; never after
    /// a place word (جنوب دمشق، طريق دمشق، العاصمة دمشق).
    func inActorPosition(_ i: Int, length: Int, tokens: [Token], sentence: Sentence) -> Bool {
        let lo = sentence.tokens.lowerBound
        let hi = sentence.tokens.upperBound
        var p = i - 1
        while p >= lo, tokens[p].kind == .punct, tokens[p].marker != .arabicComma, tokens[p].marker != .comma { p -= 1 }
        if p >= lo, tokens[p].isWord {
            let prev = tokens[p]
            if ontology.isCue(.placecue, prev) {
                // "من" / "مع" after a linking word still introduces an actor: مدعومة من طهران.
                if p - 1 >= lo, prev.text.isOne(of: "من", "مع"),
                   ontology.triggers(at: p - 1, in: tokens, end: hi).contains(where: { $0.trigger.relation == .alliedWith }) {
                    return true
                }
                if p - 2 >= lo, prev.text.isOne(of: "من", "مع"),
                   ontology.triggers(at: p - 2, in: tokens, end: hi).contains(where: { $0.trigger.relation == .alliedWith && $0.length == 2 }) {
                    return true
                }
                return false
            }
            if ontology.isCue(.speech, prev) { return true }
            if ontology.isCue(.actorcue, prev) { return true }
            for back in [p, p - 1] where back >= lo {
                if ontology.triggers(at: back, in: tokens, end: hi).contains(where: { $0.trigger.relation == .alliedWith && back + $0.length - 1 == p }) {
                    return true
                }
            }
        }
        // A linking word glued to the capital: لدمشق after الداعمة.
        var n = i + length
        if n < hi, tokens[n].kind == .punct, tokens[n].marker == .arabicComma || tokens[n].marker == .comma {
            // موسكو، حليفة دمشق: an apposition with a linking word follows.
            if n + 1 < hi, ontology.triggers(at: n + 1, in: tokens, end: hi).contains(where: { $0.trigger.relation == .alliedWith }) { return true }
            n += 1
        }
        if n < hi, tokens[n].isWord, n == i + length {
            if ontology.isCue(.speech, tokens[n]) { return true }
            if ontology.triggers(at: n, in: tokens, end: hi).contains(where: { $0.trigger.frame == .verb || $0.trigger.relation == .alliedWith }) { return true }
        }
        return false
    }


    /// The state a nationality adjective names (روسية، أتراكا), from the nisba aliases.
    func nisba(_ t: Token) -> NodeID? {
        guard t.isWord else { return nil }
        return nisba(reading: t.text)
    }

    func nisba(reading: String) -> NodeID? {
        for e in lexicon.lookup([reading]) { if case .actor(let id, .nisba) = e { return id } }
        return nil
    }

    /// An actor named inside an alias after a linking word or a title (الميليشيات الموالية لإيران،
    /// قائد فيلق القدس، الأمين العام لحزب الله).
    func innerActor(_ range: Range<Int>, of node: NodeID, tokens: [Token], end: Int) -> NodeID? {
        var linked = false
        for j in range where tokens[j].isWord {
            if linked, ontology.mayStartName(tokens[j]),
               let m = lexicon.longestMatch(count: range.upperBound, start: j, firstReadings: tokens[j].proclitics,
                                                     laterWord: { k in tokens[k].kind == .punct ? nil : tokens[k].text }) {
                for e in m.payloads { if case .actor(let id, let type) = e, type != .nisba, id != node { return id } }
            }
            if ontology.triggers(at: j, in: tokens, end: end).contains(where: { $0.trigger.relation == .alliedWith && ($0.trigger.frame == .link || $0.trigger.frame == .leader) }) {
                linked = true
            }
        }
        return nil
    }


    /// A place the gazetteer lacks, after a head word: قرية قسطل جندو → (2, "قسطل جندو").
    func provisionalPlace(at i: Int, end: Int, tokens: [Token]) -> (Int, String)? {
        guard ontology.linkReading(of: tokens[i], isIn: wc.provisionalHeads), i + 1 < end else { return nil }
        let first = tokens[i + 1]
        guard first.isWord, !wc.notNames.contains(first), first.scalarCount >= 2 else { return nil }
        // A known name right after the head is the gazetteer's business.
        if ontology.mayStartName(first),
           lexicon.longestMatch(count: end, start: i + 1, firstReadings: first.proclitics,
                                         laterWord: { j in tokens[j].kind == .punct ? nil : tokens[j].text }) != nil { return nil }
        if ontology.isCue(.container, first) || ontology.isCue(.boundary, first) || ontology.isCue(.placecue, first) { return nil }
        if first.text.utf8HasPrefix("ال") && (first.text.utf8HasSuffix("يه") || first.text.utf8HasSuffix("ين")) { return nil }
        var len = 1
        if i + 2 < end, tokens[i + 2].isWord {
            let second = tokens[i + 2].text
            let ok = !wc.notNames.contains(tokens[i + 2]) && !ontology.isCue(.placecue, tokens[i + 2]) && !ontology.isCue(.boundary, tokens[i + 2])
                && !second.utf8HasPrefix("و") && !(second.utf8HasPrefix("ال") && second.utf8HasSuffix("يه"))
            // A construct name: تل الجموع، موصل الرصاص (not an adjective: تسيل الغربية).
            let construct = !first.text.utf8HasPrefix("ال") && second.utf8HasPrefix("ال") && !second.utf8HasSuffix("ي") && !second.utf8HasSuffix("ين")
                && !ontology.isCue(.container, tokens[i + 2]) && ontology.triggers(at: i + 2, in: tokens, end: end).isEmpty
            if ok && (wc.compoundStarts.contains(first) || (!second.utf8HasPrefix("ال") && !first.text.utf8HasPrefix("ال")) || construct) { len = 2 }
        }
        let name = tokens[(i + 1)...(i + len)].map(\.text).joined(separator: " ")
        return (len, name)
    }


    /// A group the ontology lacks, after a head word: لواء المعتصم → (1, …), حركة "نور" → quoted name.
    func provisionalActor(at i: Int, end: Int, tokens: [Token]) -> (Int, String)? {
        guard i + 1 < end else { return nil }
        let strong = ontology.linkReading(of: tokens[i], isIn: wc.actorHeads)
        let weak = ontology.linkReading(of: tokens[i], isIn: wc.quotedActorHeads)
        guard strong || weak else { return nil }
        func isActorStart(_ j: Int) -> Bool {
            guard ontology.mayStartName(tokens[j]),
                  let m = lexicon.longestMatch(count: end, start: j, firstReadings: tokens[j].proclitics,
                                                        laterWord: { k in tokens[k].kind == .punct ? nil : tokens[k].text }) else { return false }
            return m.payloads.contains { if case .actor = $0 { return true } else { return false } }
        }
        func nameWord(_ j: Int) -> Bool {
            let t = tokens[j]
            guard t.isWord, t.scalarCount >= 2, !wc.notNames.contains(t), !wc.genericAdjectives.contains(t) else { return false }
            if ontology.isCue(.boundary, t) || ontology.isCue(.placecue, t) || ontology.isCue(.container, t) || ontology.isCue(.speech, t) { return false }
            if ontology.isCue(.negation, t) || ontology.isCue(.light, t) { return false }
            if !ontology.triggers(at: j, in: tokens, end: end).isEmpty { return false }
            return !isActorStart(j)
        }
        // The head inside the quotes: "جبهة تحرير سوريا".
        if tokens[i].quoteBefore, !tokens[i].quoteAfter {
            var j = i + 1
            while j < end, j - i <= 4, tokens[j].isWord, !isActorStart(j) {
                if tokens[j].quoteAfter { return (j - i, tokens[(i + 1)...j].map(\.text).joined(separator: " ")) }
                j += 1
            }
        }
        // A quoted name: حركة "أحرار الشرقية".
        if tokens[i + 1].quoteBefore || tokens[i].quoteAfter {
            var j = i + 1
            while j < end, j - i <= 5, nameWord(j) || tokens[j].isWord && !isActorStart(j) {
                if tokens[j].quoteAfter { return (j - i, tokens[(i + 1)...j].map(\.text).joined(separator: " ")) }
                j += 1
            }
            return nil
        }
        guard strong, nameWord(i + 1) else { return nil }
        let w1 = tokens[i + 1].text
        let nisba = w1.utf8HasSuffix("يه") || w1.utf8HasSuffix("ي") || w1.utf8HasSuffix("ين") || w1.utf8HasSuffix("يون")
        var len = 0
        if w1.utf8HasPrefix("ال") && !nisba {
            len = 1                                          // لواء المعتصم
        } else if !w1.utf8HasPrefix("ال"), i + 2 < end, nameWord(i + 2), tokens[i + 2].text.utf8HasPrefix("ال") {
            len = 2                                          // كتائب ثوار الشام
        } else {
            return nil
        }
        if i + 1 + len < end, nameWord(i + 1 + len), tokens[i + 1 + len].text.utf8HasPrefix("ال"),
           !tokens[i + 1 + len].text.utf8HasSuffix("يه") { len += 1 }   // لواء شهداء بدر الكبرى
        return (len, tokens[(i + 1)...(i + len)].map(\.text).joined(separator: " "))
    }

    /// A stable ASCII id for a group found in text: `new_` and a 64-bit FNV-1a hash of its normalized name.
    public static func actorID(_ normalized: String) -> NodeID {
        NodeID("new_" + String(placeID(normalized).rawValue.dropFirst("place_".count)))
    }

    /// A stable ASCII id for a place found in text: `place_` and a 64-bit FNV-1a hash of its normalized name.
    public static func placeID(_ normalized: String) -> NodeID {
        var h: UInt64 = 0xcbf29ce484222325
        for b in normalized.utf8 { h ^= UInt64(b); h = h &* 0x100000001b3 }
        return NodeID("place_" + String(h, radix: 16))
    }

    /// The place's name without a generic head word: مدينة البوكمال → البوكمال.
    /// The head is normalized into bytes and looked up as bytes: no string is made of it.
    func withoutPlaceHead(_ form: String) -> String {
        guard let sp = form.utf8.firstIndex(of: 0x20) else { return form }
        let isHead = form.withUTF8InPlace { u -> Bool in
            let headBytes = UnsafeBufferPointer(rebasing: u[..<form.utf8.distance(from: form.utf8.startIndex, to: sp)])
            var head: [UInt8] = []
            head.reserveCapacity(headBytes.count + 4)
            ArabicNormalizer.normalize(utf8: headBytes, appendingTo: &head)
            return head.withUnsafeBufferPointer { wc.placeHeads.contains(utf8: $0) }
        }
        guard isHead else { return form }
        return String(form[form.utf8.index(after: sp)...])
    }

    /// The token is inside a quoted name right after عملية / حملة / معركة (عملية "غصن الزيتون").
    func insideOperationName(_ i: Int, tokens: [Token], start: Int) -> Bool {
        var k = i
        while k >= start, k >= i - 3 {
            if tokens[k].quoteBefore {
                guard k - 1 >= start, tokens[k - 1].isWord else { return false }
                return tokens[k - 1].proclitics.contains { $0.isOne(of: "عمليه", "حمله", "معركه", "العمليه", "الحمله", "المعركه") }
            }
            if k < i, tokens[k].quoteAfter { return false }
            k -= 1
        }
        return false
    }

    /// The place a definite place noun refers to; `readings` are the token's proclitic readings.
    func placeAnaphor(readings: [String], before mentions: [Mention], sentence si: Int) -> Mention? {
        guard let types = readings.lazy.compactMap({ Ontology.placeAnaphorTypes[$0] }).first else { return nil }
        // Of the fitting places named in this sentence or the two before, the one the text names most
        // often so far (the place the story is about), then the latest.
        // The fitting places first, latest first (by index: no mention copied); then how often the
        // text names each of them, over all its place mentions.
        var fitting: [Int] = []
        var k = mentions.count - 1
        while k >= 0, mentions[k].sentence >= si - 2 {
            if mentions[k].kind == .location, mentions[k].via != .provisional,
               let t = ontology.placeTypes[mentions[k].node], types.contains(t) { fitting.append(k) }
            k -= 1
        }
        guard !fitting.isEmpty else { return nil }
        // The fitting places' distinct nodes (a few), counted over the place mentions read in place:
        // a table keyed by node hashed each id, and the loop copied every mention out.
        var nodes: [NodeID] = []
        for f in fitting where !nodes.contains(mentions[f].node) { nodes.append(mentions[f].node) }
        var count = [Int](repeating: 0, count: nodes.count)
        for j in mentions.indices where mentions[j].kind == .location {
            if let x = nodes.firstIndex(of: mentions[j].node) { count[x] += 1 }
        }
        // The most named; among equals, the latest (the first met going back).
        var best = -1, bestCount = 0
        for f in fitting {
            let c = count[nodes.firstIndex(of: mentions[f].node)!]
            if c > bestCount { best = f; bestCount = c }
        }
        return best >= 0 ? mentions[best] : nil
    }

    /// An anaphor resolved to the most recent mention of a candidate, else its fallback.
    /// The first gazetteer place named after token `i` (within 300 tokens), for a story's country.
    func firstPlace(after i: Int, tokens: [Token]) -> NodeID? {
        var j = i + 1
        while j < min(tokens.count, i + 300) {
            if tokens[j].isWord, ontology.mayStartName(tokens[j]),
               let m = lexicon.longestMatch(count: tokens.count, start: j, firstReadings: tokens[j].proclitics,
                                                     laterWord: { k in tokens[k].kind == .punct ? nil : tokens[k].text }) {
                for e in m.payloads { if case .place(let p) = e { return p } }
                j += m.length; continue
            }
            j += 1
        }
        return nil
    }

    func anaphor(_ readings: [String], before mentions: [Mention], ahead: () -> NodeID? = { nil }) -> (NodeID, String)? {
        for r in readings {
            guard let a = ontology.anaphors[r] else { continue }
            // A recent candidate whose name has the anaphor as its head (جيش الإسلام … الجيش) comes first.
            let head = Clitics.withoutArticle(r)
            // The mentions are read in place, by index: a copy of each retained and released its strings.
            for k in mentions.indices.suffix(8).reversed() where a.candidates.contains(mentions[k].node) && mentions[k].via != .anaphor {
                if Linker.hasWord(ArabicNormalizer.normalize(mentions[k].surface), withoutArticle: head) { return (mentions[k].node, r) }
            }
            for k in mentions.indices.reversed() {
                if a.candidates.contains(mentions[k].node) { return (mentions[k].node, r) }
                if let n = mentions[k].inner, a.candidates.contains(n) { return (n, r) }     // الأمين العام لحزب الله … الحزب
            }
            if let f = a.fallback { return (f, r) }
            if !a.countryFallbacks.isEmpty {
                // الجيش in a story set in Syria is the Syrian army, in Iraq the Iraqi one.
                var best: (NodeID, Int)? = nil
                for (prefix, node) in a.countryFallbacks {
                    var n = 0
                    for k in mentions.indices where mentions[k].kind == .location && mentions[k].node.rawValue.utf8HasPrefix(prefix) { n += 1 }
                    if n > 0, n > (best?.1 ?? 0) { best = (node, n) }
                }
                if let b = best { return (b.0, r) }
                // No place named yet: the first one named after it.
                if let p = ahead(), let f = a.countryFallbacks.first(where: { p.rawValue.utf8HasPrefix($0.prefix) }) { return (f.node, r) }
            }
            return nil
        }
        return nil
    }

    /// Whether a word of `text` (normalized: words split by single spaces) is `head` once its
    /// article is taken off as `Clitics.withoutArticle` takes it (ال before more than two letters).
    /// Reads the bytes in place: no word is copied out.
    static func hasWord(_ text: String, withoutArticle head: String) -> Bool {
        text.withUTF8InPlace { u in
            head.withUTF8InPlace { h in
                var start = 0
                while start <= u.count {
                    var end = start
                    while end < u.count, u[end] != 0x20 { end += 1 }
                    if end > start {
                        let word = UnsafeBufferPointer(rebasing: u[start..<end])
                        // ا D8 A7, ل D9 84; more than four scalars in all.
                        var from = 0
                        if word.count >= 4, word[0] == 0xD8, word[1] == 0xA7, word[2] == 0xD9, word[3] == 0x84 {
                            var scalars = 0
                            for b in word where b & 0xC0 != 0x80 { scalars += 1 }
                            if scalars > 4 { from = 4 }
                        }
                        if word.count - from == h.count, zip(word[from...], h).allSatisfy({ $0 == $1 }) { return true }
                    }
                    start = end + 1
                }
                return false
            }
        }
    }

    /// The surface form as written, from the first letter of the matched reading (proclitics dropped),
    /// whitespace collapsed and quotes dropped. Works on the text's UTF-8 bytes, scalar by scalar.
    ///
    /// With a `cache`, a span written as one seen before (the same bytes, read from the same
    /// letter) takes the string made then: most of a corpus's mentions repeat a few hundred forms,
    /// and making one (and checking its UTF-8) cost about 2,000 instructions.
    ///
    /// `withoutPlaceHead`: the form of a place name, its head noun dropped (`withoutPlaceHead(_:)`),
    /// cached apart (its own bit of the key); normalizing each place form's first word again cost
    /// some 1,200 instructions a mention.
    func surface(_ text: String, _ tokens: [Token], cache: SurfaceCache? = nil, _ range: Range<Int>, firstReading: String,
                 withoutPlaceHead place: Bool = false) -> String {
        let start = tokens[range.lowerBound].range.lowerBound
        let end = tokens[range.upperBound - 1].range.upperBound
        // Drop as many leading letters as the reading lost to proclitics (لل → ال: one more, then ا).
        let tokenText = tokens[range.lowerBound].text
        let dropsProclitics = !firstReading.utf8Equals(tokenText)
        var lost = 0, articleRestored = false
        if dropsProclitics {
            articleRestored = !tokenText.utf8HasSuffix(firstReading)
            lost = tokens[range.lowerBound].scalarCount - firstReading.unicodeScalars.count + (articleRestored ? 1 : 0)
        }
        // `withUTF8` on a copy, not `withUTF8InPlace`: the generic call's closure took a copy of
        // the linker (sixteen reference counts) instead of one of the text.
        var text = text
        return text.withUTF8 { u in
            // The form depends on the span's bytes and on how many leading letters go: the key.
            let span = UnsafeBufferPointer(rebasing: u[start..<end])
            let tag = Int32(truncatingIfNeeded: lost << 3 | (place ? 4 : 0) | (articleRestored ? 2 : 0) | (dropsProclitics ? 1 : 0))
            if let cache, let e = cache.forms.entry(span, tag: tag) { return cache.forms.values[e] }
            var form = makeSurface(u, start: start, end: end, dropsProclitics: dropsProclitics, lost: lost,
                                   articleRestored: articleRestored)
            if place { form = withoutPlaceHead(form) }
            cache?.remember(form, for: span, tag: tag)
            return form
        }
    }

    /// `surface`'s form of the bytes `u[start..<end]`.
    private func makeSurface(_ u: UnsafeBufferPointer<UInt8>, start: Int, end: Int, dropsProclitics: Bool, lost: Int,
                             articleRestored: Bool) -> String {
        /// The scalar starting at byte i of the text and its length in bytes.
        @inline(__always) func scalar(_ i: Int) -> (Unicode.Scalar, Int) {
            let (v, len) = UTF8Scalar.decode(u, at: i, end: end)
            return (Unicode.Scalar(v) ?? "\u{FFFD}", len)
        }
        // Written straight into the new string's storage: at most the span's bytes and a restored ا.
        return String(unsafeUninitializedCapacity: end - start + 2) { out in
            var n = 0
            var i = start
            if dropsProclitics {
                var dropped = 0
                while dropped < lost, i < end {
                    let (c, len) = scalar(i)
                    i += len
                    if CharClass.of(c) == .letter { dropped += 1 }
                }
                while i < end {
                    let (c, len) = scalar(i)
                    if CharClass.of(c) == .letter { break }
                    i += len
                }
                if articleRestored { out[0] = 0xD8; out[1] = 0xA7; n = 2 }   // ا
            }
            var space = false
            while i < end {
                let (c, len) = scalar(i)
                switch CharClass.of(c) {
                case .quote: break
                case .space:
                    if !space && n > 0 { out[n] = 0x20; n += 1 }
                    space = true
                default:
                    for k in i..<min(end, i + len) { out[n] = u[k]; n += 1 }
                    space = false
                }
                i += len
            }
            while n > 0, out[n - 1] == 0x20 { n -= 1 }
            return n
        }
    }
}

/// A worker's surface forms: (span bytes, letters dropped, a place's form or not) → the form `Linker.surface` made.
/// Emptied when full, so that a corpus of many names keeps it bounded.
final class SurfaceCache {
    /// Only the worker that borrowed the cache touches it: no dynamic exclusivity checks (two per
    /// mention, each an entry in the runtime's access set).
    @exclusivity(unchecked) private(set) var forms = WordTable<String>(capacity: 1024)
    static let limit = 1 << 16

    func remember(_ form: String, for span: UnsafeBufferPointer<UInt8>, tag: Int32) {
        if forms.count >= Self.limit { forms = WordTable<String>(capacity: 1024) }
        forms.insert(span, tag: tag) { form }
    }
}
