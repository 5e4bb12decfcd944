import ArabicText

/// A trie over normalized token sequences; the lexicon behind aliases, places and triggers.
///
/// Edges live in one `WordTable` keyed by (parent node, word), so a step is one probe into one
/// flat table; a node's payloads are a range of one flat array once the trie is built.
public struct TokenTrie<Payload: Sendable>: Sendable {
    /// Edge (parent node as tag, word) → child node (the value).
    var edges = WordTable<Int32>()
    /// Per node: its payloads.
    var payloads: [[Payload]] = [[]]
    /// Per node: whether it carries payloads (read on every step of a match).
    var hasPayload: [Bool] = [false]

    public init() {}

    /// Adds `payload` under the token sequence `key` (already normalized, space-separated).
    public mutating func insert(_ key: [String], _ payload: Payload) {
        var at: Int32 = 0
        for t in key {
            let next = Int32(payloads.count)
            let (e, inserted) = edges.insert(t, tag: at) { next }
            if inserted {
                payloads.append([])
                hasPayload.append(false)
            }
            at = edges.values[e]
        }
        payloads[Int(at)].append(payload)
        hasPayload[Int(at)] = true
    }

    @inline(__always)
    func child(_ node: Int32, _ word: String) -> Int32? {
        guard let e = edges.entry(word, tag: node) else { return nil }
        return edges.values[e]
    }

    /// Whether some entry begins with `word`.
    @inline(__always)
    public func startsEntry(_ word: String) -> Bool { edges.entry(word, tag: 0) != nil }

    /// The one-token keys that carry payloads.
    public var singleTokenKeys: [String] {
        var out: [String] = []
        for e in 0..<edges.count {
            let (tag, word) = edges.key(at: e)
            if tag == 0, hasPayload[Int(edges.values[e])] { out.append(word) }
        }
        return out
    }

    /// The words an entry can begin with.
    public var firstWords: [String] {
        (0..<edges.count).compactMap { e in
            let (tag, word) = edges.key(at: e)
            return tag == 0 ? word : nil
        }
    }

    /// Payloads stored under the one-token key `word`.
    public func lookup(word: String) -> [Payload] {
        guard let n = child(0, word) else { return [] }
        return payloads[Int(n)]
    }

    /// Payloads stored under exactly `key`.
    public func lookup(_ key: [String]) -> [Payload] {
        var at: Int32 = 0
        for t in key {
            guard let n = child(at, t) else { return [] }
            at = n
        }
        return payloads[Int(at)]
    }

    /// The longest entry starting at `tokens[start]`, where the first token may be read through
    /// any of `firstReadings` and later tokens through `later(i)` (readings of token i).
    /// Returns the number of tokens matched, the payloads, and which first reading matched.
    public func longestMatch(count: Int, start: Int, firstReadings: [String],
                             later: (Int) -> [String]?) -> (length: Int, payloads: [Payload], reading: String)? {
        walk(count: count, start: start, firstReadings: firstReadings) { node, i in
            guard let readings = later(i) else { return nil }
            for t in readings { if let n = child(node, t) { return n } }
            return nil
        }
    }

    /// `longestMatch` where later tokens have one reading each, `laterWord(i)` (nil ends the match):
    /// the same result without an array per step.
    public func longestMatch(count: Int, start: Int, firstReadings: [String],
                             laterWord: (Int) -> String?) -> (length: Int, payloads: [Payload], reading: String)? {
        walk(count: count, start: start, firstReadings: firstReadings) { node, i in
            laterWord(i).flatMap { child(node, $0) }
        }
    }

    /// The walk behind both `longestMatch`es: `step(node, i)` is the child reached by token i, if any.
    @inline(__always)
    private func walk(count: Int, start: Int, firstReadings: [String],
                      step: (Int32, Int) -> Int32?) -> (length: Int, payloads: [Payload], reading: String)? {
        var best: (length: Int, node: Int32, reading: String)? = nil
        for r in firstReadings {
            guard let n0 = child(0, r) else { continue }
            var at = n0
            var len = 1
            if hasPayload[Int(at)], best == nil || best!.length < len { best = (len, at, r) }
            var i = start + 1
            while i < count, let n = step(at, i) {
                at = n
                len += 1; i += 1
                if hasPayload[Int(at)], best == nil || best!.length < len { best = (len, at, r) }
            }
        }
        guard let best else { return nil }
        return (best.length, payloads[Int(best.node)], best.reading)
    }
}
