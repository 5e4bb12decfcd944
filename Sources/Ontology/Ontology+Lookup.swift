import ActorGraphModel
import ArabicText

/// A trigger found in text.
public struct TriggerHit: Sendable, Hashable {
    public var trigger: Trigger
    /// Tokens the trigger spans.
    public var length: Int
    /// The enclitic pronoun on the trigger's last word (هجماته → ه), if any.
    public var pronoun: String?
}

/// A list per token, all in one flat array: token k's list is `self[k]`.
public struct TokenLists<Element> {
    /// Where each token's list starts in `items`; one more entry than tokens once all are closed.
    @usableFromInline var starts: [Int32] = [0]
    @usableFromInline var items: [Element] = []

    /// Room for `tokens` lists and, at first, an item for every eighth token (about what a news
    /// text's triggers and cues fill: an empty list grew six times a document before).
    init(capacity tokens: Int) {
        starts.reserveCapacity(tokens + 1)
        items.reserveCapacity(tokens / 8 + 4)
    }

    /// Ends the list of the next token (its items are those appended since the last close).
    mutating func close() { starts.append(Int32(items.count)) }

    /// Token k's list.
    @inlinable public subscript(k: Int) -> ArraySlice<Element> { items[Int(starts[k])..<Int(starts[k + 1])] }

    /// The number of tokens.
    public var count: Int { starts.count - 1 }

    /// Whether token k's list is empty (without making the slice).
    @inlinable public func isEmpty(_ k: Int) -> Bool { starts[k] == starts[k + 1] }

    /// Where in `items` the first item of token k's list that satisfies `predicate` is, read in
    /// place: the slice `self[k]` retained the storage, and iterating it copied each item out (a
    /// trigger hit's three strings retained and released), for lists that are most often empty.
    @inlinable public func firstIndex(_ k: Int, where predicate: (Element) -> Bool) -> Int? {
        var j = Int(starts[k])
        let end = Int(starts[k + 1])
        while j < end {
            if predicate(items[j]) { return j }
            j += 1
        }
        return nil
    }

    /// The first item of token k's list that satisfies `predicate` (see `firstIndex`).
    @inlinable public func first(_ k: Int, where predicate: (Element) -> Bool) -> Element? {
        firstIndex(k, where: predicate).map { items[$0] }
    }

    /// Whether an item of token k's list satisfies `predicate` (see `firstIndex`).
    @inlinable public func contains(_ k: Int, where predicate: (Element) -> Bool) -> Bool {
        firstIndex(k, where: predicate) != nil
    }
}

extension TokenLists: Sendable where Element: Sendable {}

/// What a word can begin: bits of `Ontology.firstWords`.
enum FirstWord {
    static let trigger: UInt8 = 1, encliticTrigger: UInt8 = 2, cuePhrase: UInt8 = 4, cueWord: UInt8 = 8
}

extension Ontology {
    /// Builds `firstWords` from the trigger and cue tables (after `indexEncliticTriggers`).
    func indexFirstWords() {
        var table = WordTable<UInt8>()
        func mark(_ word: String, _ bit: UInt8) {
            let (e, inserted) = table.insert(word) { bit }
            if !inserted { table.setValue(table.values[e] | bit, at: e) }
        }
        for w in triggers.firstWords { mark(w, FirstWord.trigger) }
        for (w, _) in encliticTriggers { mark(w, FirstWord.encliticTrigger) }
        for w in cuePhrases.firstWords { mark(w, FirstWord.cuePhrase) }
        for (w, _) in cues { mark(w, FirstWord.cueWord) }
        firstWords = table
    }

    /// The `FirstWord` bits of any of the token's readings.
    @inline(__always)
    func firstWordBits(_ token: Token) -> UInt8 { facts(token).firstBits }

    /// The triggers starting at token `i` (longest phrase first), reading the last word with or
    /// without an enclitic pronoun.
    public func triggers(at i: Int, in tokens: [Token], end: Int) -> [TriggerHit] {
        var out: [TriggerHit] = []
        appendTriggers(at: i, in: tokens, end: end, to: &out)
        return out
    }

    /// Appends `triggers(at:in:end:)` to `out`.
    func appendTriggers(at i: Int, in tokens: [Token], end: Int, to out: inout [TriggerHit]) {
        appendTriggers(at: i, in: tokens, end: end, to: &out, triggers: triggers, encliticTriggers: encliticTriggers)
    }

    /// `appendTriggers` with the two tables passed in: `tokenTables` reads them out of the ontology
    /// once a document (each read of a table, a `var` of this class, retained and released its arrays:
    /// two to three retains a word before).
    @inline(__always)
    private func appendTriggers(at i: Int, in tokens: [Token], end: Int, to out: inout [TriggerHit],
                                triggers: TokenTrie<Trigger>, encliticTriggers: WordMap<[(key: String, pronoun: String)]>) {
        guard tokens[i].isWord, firstWordBits(tokens[i]) & (FirstWord.trigger | FirstWord.encliticTrigger) != 0 else { return }
        let first = tokens[i].readings
        if let m = triggers.longestMatch(count: end, start: i, firstReadings: first,
                                         later: { j in tokens[j].isWord ? tokens[j].readings : nil }) {
            // A verb carries no preposition or article: لقصف، بالقصف، القصف are nouns.
            let plain = Ontology.isVerbReading(tokens[i].text, m.reading)
            for t in m.payloads where plain || t.frame != .verb {
                out.append(TriggerHit(trigger: t, length: m.length, pronoun: nil))
            }
            return
        }
        // A one-word trigger carrying a pronoun: هجماته، سيطرتها، يدعمها (read from the index of
        // such forms built at load, rather than splitting every word of the text).
        for r in first {
            if let found = encliticTriggers[r]?.first {
                for t in triggers.lookup(word: found.key) { out.append(TriggerHit(trigger: t, length: 1, pronoun: found.pronoun)) }
                return
            }
        }
    }

    /// Builds `encliticTriggers`: for every one-word trigger, the forms `Clitics.encliticReadings`
    /// would read back to it (stem + pronoun; a stem ending in ه also written with ت; a plural verb
    /// ending in وا without its alif: قتلوهم). Each form keeps its candidates in the order the
    /// reading would try them: pronouns in `Clitics.pronouns` order, the ت-restored stem first, a
    /// stem found as written before its plural.
    func indexEncliticTriggers() {
        var index: [Word: [(rank: Int, key: String, pronoun: String)]] = [:]
        func scalars(_ s: String) -> Int { s.unicodeScalars.count }
        for key in triggers.singleTokenKeys {
            for (pi, p) in Clitics.pronouns.enumerated() {
                // As written: stem = key.
                if scalars(key) >= 2 { index[Word(key + p), default: []].append((pi * 4 + 1, key, p)) }
                // ت restored to ه: the text has key minus ه plus ت.
                if key.utf8HasSuffix("ه"), scalars(key) >= 3 {
                    let written = String(key.unicodeScalars.dropLast()) + "ت"
                    index[Word(written + p), default: []].append((pi * 4 + 0, key, p))
                }
                // A plural verb before a pronoun drops its final alif: the text has key minus ا.
                if key.utf8HasSuffix("وا") {
                    let stem = String(key.unicodeScalars.dropLast())
                    if scalars(stem) >= 2 { index[Word(stem + p), default: []].append((pi * 4 + 2, key, p)) }
                }
            }
        }
        var out = WordMap<[(key: String, pronoun: String)]>()
        for (w, list) in index { out[w.string] = list.sorted { $0.rank < $1.rank }.map { ($0.key, $0.pronoun) } }
        encliticTriggers = out
    }

    /// Whether `reading` of `word` can be a verb: the word itself, or it after a conjunction (و ف).
    static func isVerbReading(_ word: String, _ reading: String) -> Bool {
        if reading.utf8Equals(word) { return true }
        // و is D9 88, ف is D9 81: two bytes each.
        if (word.utf8HasPrefix("و") || word.utf8HasPrefix("ف")), word.utf8.dropFirst(2).elementsEqual(reading.utf8) { return true }
        return false
    }

    /// The cues a token gives, alone or as the start of a phrase (with the phrase's length): the
    /// phrases first, then the single-word cue types in the order its readings give them.
    public func cueList(at i: Int, in tokens: [Token], end: Int) -> [(type: CueType, length: Int)] {
        var out: [(type: CueType, length: Int)] = []
        appendCues(at: i, in: tokens, end: end, to: &out)
        return out
    }

    /// Appends `cueList(at:in:end:)` to `out`.
    func appendCues(at i: Int, in tokens: [Token], end: Int, to out: inout [(type: CueType, length: Int)]) {
        appendCues(at: i, in: tokens, end: end, to: &out, cuePhrases: cuePhrases)
    }

    /// `appendCues` with the phrase table passed in (read once a document, as for `appendTriggers`).
    @inline(__always)
    private func appendCues(at i: Int, in tokens: [Token], end: Int, to out: inout [(type: CueType, length: Int)],
                            cuePhrases: TokenTrie<CueType>) {
        guard tokens[i].isWord else { return }
        let f = facts(tokens[i])
        guard f.firstBits & (FirstWord.cuePhrase | FirstWord.cueWord) != 0 else { return }
        let first = out.count
        if f.firstBits & FirstWord.cuePhrase != 0,
           let m = cuePhrases.longestMatch(count: end, start: i, firstReadings: tokens[i].readings,
                                           laterWord: { j in tokens[j].isWord ? tokens[j].text : nil }) {
            for t in m.payloads { out.append((t, m.length)) }
        }
        let phrases = out.count
        var list = f.cueList
        while list != 0 {
            let t = CueType.byBitIndex[Int(list & 0xF) - 1]
            if !out[first..<phrases].contains(where: { $0.type == t }) { out.append((t, 1)) }
            list >>= 4
        }
    }

    /// The triggers and the cues of every word of a tokenized text, each list as `triggers(at:in:end:)`
    /// and `cueList(at:in:end:)` give it (a match ends with its sentence): worked out in one pass,
    /// into two flat tables, since the relation frames ask them of nearly every token.
    public func tokenTables(_ tokens: [Token], sentences: [Sentence])
        -> (triggers: TokenLists<TriggerHit>, cues: TokenLists<(type: CueType, length: Int)>) {
        var hits = TokenLists<TriggerHit>(capacity: tokens.count)
        var cueLists = TokenLists<(type: CueType, length: Int)>(capacity: tokens.count)
        var next = 0
        let triggers = self.triggers, encliticTriggers = self.encliticTriggers, cuePhrases = self.cuePhrases
        for s in sentences {
            // Tokens outside every sentence (none, as the tokenizer makes them) have empty lists.
            while next < s.tokens.lowerBound { hits.close(); cueLists.close(); next += 1 }
            for k in s.tokens {
                // The word's first-word bits asked here, so that most words make no call (the two
                // append functions ask them again for their public callers: 17M instructions cheaper
                // on the 2,000-document build than calling them for every word).
                if tokens[k].isWord {
                    let bits = firstWordBits(tokens[k])
                    if bits & (FirstWord.trigger | FirstWord.encliticTrigger) != 0 {
                        appendTriggers(at: k, in: tokens, end: s.tokens.upperBound, to: &hits.items,
                                       triggers: triggers, encliticTriggers: encliticTriggers)
                    }
                    if bits & (FirstWord.cuePhrase | FirstWord.cueWord) != 0 {
                        appendCues(at: k, in: tokens, end: s.tokens.upperBound, to: &cueLists.items, cuePhrases: cuePhrases)
                    }
                }
                hits.close(); cueLists.close()
            }
            next = s.tokens.upperBound
        }
        while next < tokens.count { hits.close(); cueLists.close(); next += 1 }
        return (hits, cueLists)
    }

    /// Whether the token carries the cue `type` as a single word.
    @inline(__always)
    public func isCue(_ type: CueType, _ token: Token) -> Bool {
        token.isWord && facts(token).cueWords & type.bit != 0
    }

    /// Resolves a user-typed name (any alias, Arabic or English, or an id) to nodes.
    public func resolve(name: String) -> [NodeID] {
        let id = NodeID(name)
        if nodes[id] != nil { return [id] }
        if nodes[NodeID(name.uppercased())] != nil { return [NodeID(name.uppercased())] }
        let key = Ontology.key(name)
        guard !key.isEmpty else { return [] }
        var found: [NodeID] = []
        for reading in Clitics.procliticReadings(key[0]) {
            var k = key; k[0] = reading
            for e in lexicon.lookup(k) {
                switch e {
                case .actor(let a, _): if !found.contains(a) { found.append(a) }
                case .place(let p): if !found.contains(p) { found.append(p) }
                }
            }
            if !found.isEmpty { break }
        }
        if found.isEmpty, key.count == 1 {
            for reading in Clitics.procliticReadings(key[0]) {
                if let f = anaphors[reading]?.fallback { found.append(f); break }
            }
        }
        if found.isEmpty {
            let joined = key.joined(separator: " ")
            for (n, node) in names where n == joined && !found.contains(node) { found.append(node) }
        }
        return found
    }

    /// The known names closest to `name` (edit distance over normalized scalars), for "did you mean".
    public func suggestions(for name: String, limit: Int = 5) -> [(name: String, node: NodeID)] {
        let q = Array(ArabicNormalizer.normalize(name).unicodeScalars)
        var scored: [(Int, String, NodeID)] = []
        var seen = Set<String>()
        for (n, node) in names where !seen.contains(n) {
            seen.insert(n)
            let d = editDistance(q, Array(n.unicodeScalars))
            let contains = n.contains(String(String.UnicodeScalarView(q))) && q.count >= 2
            scored.append((contains ? min(d, 1) : d, n, node))
        }
        scored.sort { ($0.0, $0.1) < ($1.0, $1.1) }
        return scored.prefix(limit).map { ($0.1, $0.2) }
    }
}

func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var prev = Array(0...b.count)
    var cur = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        cur[0] = i
        for j in 1...b.count {
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        swap(&prev, &cur)
    }
    return prev[b.count]
}
