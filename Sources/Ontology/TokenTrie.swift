import ArabicText

/// A trie over normalized token sequences; the lexicon behind aliases, places and triggers.
public struct TokenTrie<Payload: Sendable>: Sendable {
    struct Node: Sendable {
        var next: [Word: Int32] = [:]
        var payloads: [Payload] = []
    }
    var nodes: [Node] = [Node()]

    public init() {}

    /// Adds `payload` under the token sequence `key` (already normalized, space-separated).
    public mutating func insert(_ key: [String], _ payload: Payload) {
        var at = 0
        for t in key {
            if let n = nodes[at].next[Word(t)] { at = Int(n); continue }
            nodes.append(Node())
            let idx = nodes.count - 1
            nodes[at].next[Word(t)] = Int32(idx)
            at = idx
        }
        nodes[at].payloads.append(payload)
    }

    /// The one-token keys that carry payloads.
    public var singleTokenKeys: [String] {
        nodes[0].next.compactMap { nodes[Int($0.value)].payloads.isEmpty ? nil : $0.key.string }
    }

    /// Payloads stored under the one-token key `word`.
    public func lookup(word: String) -> [Payload] {
        guard let n = nodes[0].next[Word(word)] else { return [] }
        return nodes[Int(n)].payloads
    }

    /// Payloads stored under exactly `key`.
    public func lookup(_ key: [String]) -> [Payload] {
        var at = 0
        for t in key {
            guard let n = nodes[at].next[Word(t)] else { return [] }
            at = Int(n)
        }
        return nodes[at].payloads
    }

    /// The longest entry starting at `tokens[start]`, where the first token may be read through
    /// any of `firstReadings` and later tokens through `later(i)` (readings of token i).
    /// Returns the number of tokens matched, the payloads, and which first reading matched.
    public func longestMatch(count: Int, start: Int, firstReadings: [String],
                             later: (Int) -> [String]?) -> (length: Int, payloads: [Payload], reading: String)? {
        var best: (Int, [Payload], String)? = nil
        for r in firstReadings {
            guard let n0 = nodes[0].next[Word(r)] else { continue }
            var at = Int(n0)
            var len = 1
            if !nodes[at].payloads.isEmpty, best == nil || best!.0 < len { best = (len, nodes[at].payloads, r) }
            var i = start + 1
            while i < count, let readings = later(i) {
                var moved = false
                for t in readings {
                    if let n = nodes[at].next[Word(t)] { at = Int(n); moved = true; break }
                }
                if !moved { break }
                len += 1; i += 1
                if !nodes[at].payloads.isEmpty, best == nil || best!.0 < len { best = (len, nodes[at].payloads, r) }
            }
        }
        return best
    }
}
